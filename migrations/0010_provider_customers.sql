-- The buyer's customer at each payment provider that keeps customers (Stripe today; PayPal keeps
-- none), one row per contact and provider, in place of contacts.stripe_customer_id. Every stored
-- customer moves over. A customer belongs to the provider account the merchant had connected; when
-- the merchant connects another, the next checkout replaces it (src/payments/provider-customers.ts).
CREATE TABLE provider_customers (
  account_id text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  contact_id text NOT NULL,
  provider text NOT NULL CHECK (provider IN ('stripe', 'paypal')),
  customer_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, contact_id, provider),
  FOREIGN KEY (account_id, mode, contact_id) REFERENCES contacts (account_id, mode, id) ON DELETE CASCADE
);

INSERT INTO provider_customers (account_id, mode, contact_id, provider, customer_id, created_at, updated_at)
  SELECT account_id, mode, id, 'stripe', stripe_customer_id, created_at, updated_at FROM contacts WHERE stripe_customer_id IS NOT NULL;

ALTER TABLE contacts DROP COLUMN stripe_customer_id;

SELECT app_enable_tenant_rls(t) FROM unnest(ARRAY['provider_customers']) AS t;
