-- Email to the merchant's team (src/notifications/): each member chooses, per account, a daily
-- summary and an alert when HubSpot syncs start failing. Both off until the member turns them on.
ALTER TABLE memberships ADD COLUMN notify_daily_summary boolean NOT NULL DEFAULT false;
ALTER TABLE memberships ADD COLUMN notify_sync_failures boolean NOT NULL DEFAULT false;

-- One row per message sent to one member: (account, kind, ref, recipient) is unique, so however many
-- instances run the job, or however often, a summary or an alert goes out once. `ref` is the day
-- summed up (YYYY-MM-DD, UTC) or the time of the newest failure an alert reports.
CREATE TABLE merchant_notifications (
  id bigserial PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('daily_summary', 'sync_failures')),
  ref text NOT NULL,
  recipient text NOT NULL,
  status text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent', 'failed')),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (account_id, kind, ref, recipient)
);
CREATE INDEX merchant_notifications_recent_idx ON merchant_notifications (account_id, kind, created_at DESC);
SELECT app_enable_tenant_rls('merchant_notifications');
GRANT USAGE ON SEQUENCE merchant_notifications_id_seq TO onepagepay_app;
