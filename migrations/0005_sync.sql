-- HubSpot sync: what HubSpot holds for each payment, the retry state of syncs that failed, and the
-- per-portal request window every worker shares.

-- The HubSpot deal recording the payment (the contact's id is on contacts.hubspot_contact_id).
ALTER TABLE transactions ADD COLUMN hubspot_deal_id text;

-- One row per payment the sync has worked on. Jobs (pg-boss `hubspot-sync`) only point at payments;
-- this row says how far HubSpot matches the payment and, while it does not, why.
CREATE TABLE hubspot_syncs (
  transaction_id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  -- pending: a sync is due (retrying when attempts > 0); synced: HubSpot holds synced_status;
  -- skipped: nothing to send (HubSpot not connected, failed payments not synced); failed: dead letter.
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'synced', 'skipped', 'failed')),
  -- The payment's status and refunded amount HubSpot was last brought up to.
  synced_status text,
  synced_amount_refunded integer,
  synced_at timestamptz,
  -- The deal has its contact association and its line items (done once per deal).
  deal_complete boolean NOT NULL DEFAULT false,
  -- Failed attempts in a row, since when, and when the next one runs.
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  failing_since timestamptz,
  next_attempt_at timestamptz,
  -- Why the last attempt failed (or why the payment was skipped), in words for the merchant.
  error_code text,
  last_error text,
  failed_at timestamptz,
  -- One worker at a time per payment: others leave it alone until then.
  lease_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (account_id, mode, transaction_id) REFERENCES transactions (account_id, mode, id) ON DELETE CASCADE
);
CREATE INDEX hubspot_syncs_failed_idx ON hubspot_syncs (account_id, mode, failed_at DESC, transaction_id DESC) WHERE state = 'failed';

SELECT app_enable_tenant_rls(t) FROM unnest(ARRAY['hubspot_syncs']) AS t;

-- HubSpot limits requests per portal in a rolling window; every worker of every instance takes its
-- turn here (written by the workers in system scope; not merchant data). Times are epoch ms.
CREATE TABLE hubspot_rate_limits (
  portal_id text PRIMARY KEY,
  -- When each request of the current window was sent, oldest first.
  sent bigint[] NOT NULL DEFAULT '{}',
  -- No request before this time (HubSpot answered 429).
  paused_until bigint NOT NULL DEFAULT 0
);
