-- OAuth authorization requests in flight ("Connect with HubSpot"): the `state` sent to the provider
-- is random; only its SHA-256 is stored, bound to the session, member, account and mode that
-- started it. Single use, ten minutes.

CREATE TABLE oauth_states (
  state_hash text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  session_id_hash text NOT NULL REFERENCES sessions(id_hash) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider IN ('hubspot')),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  sandbox boolean NOT NULL,
  -- A same-origin path of the dashboard to send the merchant back to.
  return_to text NOT NULL CHECK (return_to ~ '^/'),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX oauth_states_account_idx ON oauth_states (account_id, created_at);
CREATE INDEX oauth_states_expiry_idx ON oauth_states (expires_at);

SELECT app_enable_tenant_rls(t) FROM unnest(ARRAY['oauth_states']) AS t;
