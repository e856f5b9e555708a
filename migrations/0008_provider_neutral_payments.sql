-- Payments behind one provider port (docs/architecture.md): the provider's references are named for
-- what they are to any provider, and every row keeps its values.

-- The provider's payment (Stripe PaymentIntent, PayPal order) and the money movement in it (Stripe
-- charge, PayPal capture).
ALTER TABLE transactions RENAME COLUMN stripe_payment_intent_id TO provider_payment_id;
ALTER TABLE transactions RENAME COLUMN stripe_charge_id TO provider_charge_id;
DROP INDEX transactions_payment_intent_idx;
CREATE UNIQUE INDEX transactions_provider_payment_idx ON transactions (provider, provider_payment_id) WHERE provider_payment_id IS NOT NULL;

-- The provider's refund (Stripe re_…, PayPal refund id).
ALTER TABLE refunds RENAME COLUMN stripe_refund_id TO provider_refund_id;
ALTER TABLE refunds RENAME CONSTRAINT refunds_stripe_refund_id_key TO refunds_provider_refund_id_key;

-- Event ids already applied, per provider: a replayed delivery is acknowledged and ignored.
ALTER TABLE stripe_events RENAME TO provider_events;
ALTER TABLE provider_events ADD COLUMN provider text NOT NULL DEFAULT 'stripe' CHECK (provider IN ('stripe', 'paypal'));
ALTER TABLE provider_events ALTER COLUMN provider DROP DEFAULT;
ALTER TABLE provider_events DROP CONSTRAINT stripe_events_pkey;
ALTER TABLE provider_events ADD PRIMARY KEY (account_id, provider, event_id);
ALTER TABLE provider_events RENAME CONSTRAINT stripe_events_account_id_fkey TO provider_events_account_id_fkey;
