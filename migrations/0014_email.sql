-- Email (src/email/): receipts to buyers when a payment succeeds and when a refund does.
--
-- One row per message that should exist: (account, kind, ref) is unique, so however many webhooks,
-- completes and reconciliation reads report the same success, one receipt is queued. The `email`
-- job (pg-boss, enqueued in the same database transaction) sends it and records the outcome.
CREATE TABLE emails (
  id text PRIMARY KEY CHECK (id ~ '^em_[0-9A-Za-z]{24}$'),
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  kind text NOT NULL CHECK (kind IN ('payment_receipt', 'refund_receipt')),
  -- What it is about: the transaction (payment_receipt) or the refund (refund_receipt).
  ref text NOT NULL,
  transaction_id text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
  recipient text,
  subject text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (account_id, kind, ref),
  FOREIGN KEY (account_id, mode, transaction_id) REFERENCES transactions (account_id, mode, id) ON DELETE CASCADE
);
CREATE INDEX emails_transaction_idx ON emails (transaction_id);
SELECT app_enable_tenant_rls('emails');

-- The form decides whether its buyers get receipts (on by default).
ALTER TABLE payment_forms ADD COLUMN send_receipts boolean NOT NULL DEFAULT true;

-- How the buyer paid, as the provider reports it: card (brand, last 4), sepa_debit (last 4), klarna, paypal (payer email).
ALTER TABLE transactions ADD COLUMN method_type text;
ALTER TABLE transactions ADD COLUMN method_brand text;
ALTER TABLE transactions ADD COLUMN method_last4 text;
ALTER TABLE transactions ADD COLUMN method_email text;
