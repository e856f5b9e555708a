-- Security hardening (issue 11).

-- The audit log is append-only for the role request queries run as.
REVOKE UPDATE, DELETE ON audit_log FROM onepagepay_app;

-- Card-testing limits decide and count inside the tenant transaction that stores the payment
-- (one atomic step per counter under its row lock), so the request role needs the counters.
GRANT SELECT, INSERT, UPDATE ON checkout_throttle TO onepagepay_app;

-- What the buyer typed belongs to that payment: a contact's name and phone change only when a
-- payment by that email succeeds (taken from these columns then).
ALTER TABLE transactions
  ADD COLUMN buyer_first_name text NOT NULL DEFAULT '',
  ADD COLUMN buyer_last_name text NOT NULL DEFAULT '',
  ADD COLUMN buyer_phone text NOT NULL DEFAULT '',
  -- When `complete` last read the provider for this payment (at most once every few seconds).
  ADD COLUMN provider_read_at timestamptz;
UPDATE transactions t SET buyer_first_name = c.first_name, buyer_last_name = c.last_name, buyer_phone = c.phone
  FROM contacts c WHERE c.id = t.contact_id;

-- Open payments per client IP (card-testing limit) are counted from here.
CREATE INDEX transactions_client_ip_idx ON transactions (account_id, client_ip, created_at DESC);

-- Members' names and emails are shown to their team only: the request role sees a user row only
-- when that user is a member of the current account (the owner role, not forced, sees all).
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY team_members ON users FOR SELECT TO onepagepay_app
  USING (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.account_id = app_current_account()));
