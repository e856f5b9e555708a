-- Provider monitoring: the latest check of every connection (per account, mode and provider), the
-- history of its status changes, and the process-wide reachability of each provider. Results live
-- here, not in memory, so every app instance answers the same and a check that one instance made
-- recently is not repeated by the others.

-- One row per connection, written by the monitor. Removed with its connection.
CREATE TABLE provider_status (
  account_id text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  provider text NOT NULL CHECK (provider IN ('stripe', 'hubspot', 'paypal')),
  status text NOT NULL CHECK (status IN ('unknown', 'up', 'down')),
  -- ok | timeout | unreachable | server_error | rate_limited | credentials_refused | not_checked
  reason text NOT NULL,
  -- For the merchant's dashboard (what failed, in words); never a secret.
  detail text,
  latency_ms integer,
  -- When the last check started (results older than the connection's updated_at belong to replaced credentials).
  checked_at timestamptz NOT NULL,
  -- When the status last changed.
  changed_at timestamptz NOT NULL,
  -- A check in progress: other instances leave the row alone until then.
  claimed_until timestamptz,
  PRIMARY KEY (account_id, mode, provider),
  FOREIGN KEY (account_id, mode, provider) REFERENCES provider_connections (account_id, mode, provider) ON DELETE CASCADE
);
CREATE INDEX provider_status_due_idx ON provider_status (checked_at);

-- Status history: one row per period of one status (ended_at null while it lasts). Pruned by age.
CREATE TABLE provider_status_events (
  id bigserial PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  provider text NOT NULL CHECK (provider IN ('stripe', 'hubspot', 'paypal')),
  status text NOT NULL CHECK (status IN ('up', 'down')),
  reason text NOT NULL,
  detail text,
  started_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX provider_status_events_scope_idx ON provider_status_events (account_id, mode, provider, started_at DESC, id DESC);
CREATE INDEX provider_status_events_open_idx ON provider_status_events (account_id, mode, provider) WHERE ended_at IS NULL;
CREATE INDEX provider_status_events_age_idx ON provider_status_events (started_at);

SELECT app_enable_tenant_rls(t) FROM unnest(ARRAY['provider_status', 'provider_status_events']) AS t;
GRANT USAGE ON SEQUENCE provider_status_events_id_seq TO onepagepay_app;

-- Whether this deployment reaches each provider at all (an unauthenticated call to its API origin).
-- Not merchant data: readable by the app role, written by the monitor in system scope.
CREATE TABLE provider_reachability (
  provider text PRIMARY KEY CHECK (provider IN ('stripe', 'hubspot', 'paypal')),
  target text NOT NULL,
  status text NOT NULL CHECK (status IN ('unknown', 'up', 'down')),
  reason text NOT NULL,
  latency_ms integer,
  checked_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL,
  claimed_until timestamptz
);
GRANT SELECT ON provider_reachability TO onepagepay_app;
