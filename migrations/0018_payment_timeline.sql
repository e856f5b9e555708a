-- The payment page (docs/dashboard.md): what the provider took and what the merchant keeps, and a
-- timeline of what happened to the payment.

-- Stripe's balance transaction (fee, net) or PayPal's receivable breakdown of the money movement,
-- in the currency the merchant is paid in (which may differ from the payment's).
ALTER TABLE transactions ADD COLUMN settlement_currency text;
ALTER TABLE transactions ADD COLUMN fee_amount integer;
ALTER TABLE transactions ADD COLUMN net_amount integer;

-- One row per thing that happened to a payment after it was created (src/payments/timeline.ts):
-- a status it reached, a webhook received, a refund asked for or settled, a dispute, a HubSpot sync
-- attempt (receipts sent are read from `emails`). Append-only. `at` is the wall clock (several rows
-- of one database transaction keep their order).
CREATE TABLE payment_timeline (
  id bigserial PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  transaction_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('status', 'webhook', 'refund', 'dispute', 'sync')),
  detail jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  FOREIGN KEY (account_id, mode, transaction_id) REFERENCES transactions (account_id, mode, id) ON DELETE CASCADE
);
CREATE INDEX payment_timeline_transaction_idx ON payment_timeline (account_id, transaction_id, id);
SELECT app_enable_tenant_rls('payment_timeline');
GRANT USAGE ON SEQUENCE payment_timeline_id_seq TO onepagepay_app;
-- What happened stays as it was recorded.
REVOKE UPDATE ON payment_timeline FROM onepagepay_app;
