-- Payments: contacts (buyers), transactions with their line items, refunds, the Stripe events
-- already handled, and the counters that slow card testing down.
-- Every tenant row belongs to one account and one mode; amounts are integer minor units.

CREATE TABLE contacts (
  id text PRIMARY KEY CHECK (id ~ '^ct_[0-9A-Za-z]{24}$'),
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  first_name text NOT NULL DEFAULT '',
  last_name text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  stripe_customer_id text,
  hubspot_contact_id text,
  -- Totals over the contact's succeeded (and refunded) payments, recomputed whenever one changes.
  payments_count integer NOT NULL DEFAULT 0,
  lifetime_value jsonb NOT NULL DEFAULT '{}',
  first_purchase_at timestamptz,
  last_purchase_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, mode, email),
  UNIQUE (account_id, mode, id)
);
CREATE INDEX contacts_list_idx ON contacts (account_id, mode, created_at DESC, id DESC);

CREATE TABLE transactions (
  id text PRIMARY KEY CHECK (id ~ '^pay_[0-9A-Za-z]{24}$'),
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  form_id text NOT NULL,
  contact_id text NOT NULL,
  -- The browser's key for one checkout attempt; (account, key) is one transaction, however often sent.
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  provider text NOT NULL CHECK (provider IN ('stripe', 'paypal')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN
    ('pending', 'requires_action', 'processing', 'succeeded', 'failed', 'canceled', 'refunded', 'partially_refunded')),
  amount integer NOT NULL CHECK (amount > 0),
  currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
  amount_refunded integer NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0 AND amount_refunded <= amount),
  description text NOT NULL DEFAULT '',
  stripe_payment_intent_id text,
  stripe_charge_id text,
  failure_code text,
  failure_message text,
  -- Which provider error the failure fields describe: a new one is a new decline (card-testing counter).
  failure_ref text,
  hubspot_fields jsonb NOT NULL DEFAULT '{}',
  client_ip text,
  succeeded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, idempotency_key),
  UNIQUE (account_id, mode, id),
  FOREIGN KEY (account_id, mode, form_id) REFERENCES payment_forms (account_id, mode, id),
  FOREIGN KEY (account_id, mode, contact_id) REFERENCES contacts (account_id, mode, id)
);
CREATE UNIQUE INDEX transactions_payment_intent_idx ON transactions (stripe_payment_intent_id) WHERE stripe_payment_intent_id IS NOT NULL;
CREATE INDEX transactions_list_idx ON transactions (account_id, mode, created_at DESC, id DESC);
CREATE INDEX transactions_contact_idx ON transactions (contact_id);
CREATE INDEX transactions_open_idx ON transactions (updated_at) WHERE status IN ('pending', 'requires_action', 'processing');

-- What was bought, copied from the catalog at payment time (later catalog edits do not rewrite history).
CREATE TABLE transaction_items (
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  transaction_id text NOT NULL,
  position integer NOT NULL,
  price_id text NOT NULL,
  product_id text NOT NULL,
  product_name text NOT NULL,
  nickname text NOT NULL DEFAULT '',
  quantity integer NOT NULL CHECK (quantity >= 1),
  unit_amount integer NOT NULL CHECK (unit_amount > 0),
  amount integer NOT NULL CHECK (amount = unit_amount * quantity),
  PRIMARY KEY (transaction_id, position),
  FOREIGN KEY (account_id, mode, transaction_id) REFERENCES transactions (account_id, mode, id) ON DELETE CASCADE
);
CREATE INDEX transaction_items_product_idx ON transaction_items (account_id, mode, product_id);

CREATE TABLE refunds (
  id text PRIMARY KEY CHECK (id ~ '^rf_[0-9A-Za-z]{24}$'),
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  transaction_id text NOT NULL,
  amount integer NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'requires_action', 'succeeded', 'failed', 'canceled')),
  reason text,
  stripe_refund_id text UNIQUE,
  failure_reason text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (account_id, mode, transaction_id) REFERENCES transactions (account_id, mode, id) ON DELETE CASCADE
);
CREATE INDEX refunds_transaction_idx ON refunds (transaction_id);

-- Stripe event ids already applied: a replayed delivery is acknowledged and ignored.
CREATE TABLE stripe_events (
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id text NOT NULL,
  type text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, event_id)
);

SELECT app_enable_tenant_rls(t) FROM unnest(ARRAY['contacts', 'transactions', 'transaction_items', 'refunds', 'stripe_events']) AS t;

-- Card-testing counters for the public API (per IP and per account), like login_throttle: not tenant data.
CREATE TABLE checkout_throttle (
  key text PRIMARY KEY,
  count integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  blocked_until timestamptz
);
