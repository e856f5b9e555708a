-- Foundation: accounts, users, memberships, sessions, invites, audit log, login throttle,
-- provider connections; the application role and row-level security on every tenant table.

-- The role request queries run as (SET LOCAL ROLE): owns nothing, cannot bypass RLS.
-- Roles are cluster-wide, so creating it must tolerate another database having done it first.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onepagepay_app') THEN
    CREATE ROLE onepagepay_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
GRANT onepagepay_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO onepagepay_app;

-- The tenant of the current transaction, set by the tenant helper with set_config(…, true).
CREATE FUNCTION app_current_account() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.account_id', true), '')
$$;

CREATE TABLE accounts (
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL DEFAULT '',
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE memberships (
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

-- Server-side sessions. The cookie holds a random id; only its SHA-256 is stored.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id uuid REFERENCES users(id) ON DELETE CASCADE,
  account_id text REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL DEFAULT 'test' CHECK (mode IN ('test', 'live')),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expiry_idx ON sessions (expires_at);

CREATE TABLE invites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'viewer')),
  token_hash text NOT NULL UNIQUE,
  invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz
);
CREATE INDEX invites_account_idx ON invites (account_id);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  action text NOT NULL,
  target text,
  metadata jsonb NOT NULL DEFAULT '{}',
  ip text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_account_idx ON audit_log (account_id, created_at DESC);

-- Failed logins per key ("email:…" or "ip:…"), shared by every instance.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  window_started_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

-- Provider credentials per account and mode, sealed with AES-256-GCM (see platform/crypto).
CREATE TABLE provider_connections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  provider text NOT NULL CHECK (provider IN ('stripe', 'hubspot', 'paypal')),
  status text NOT NULL DEFAULT 'connected',
  sandbox boolean NOT NULL DEFAULT false,
  credentials text NOT NULL,
  key_id text NOT NULL,
  hint text NOT NULL DEFAULT '',
  public_config jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, mode, provider)
);

-- Row-level security, enabled and forced, on a tenant table: every later migration calls this for its tables.
CREATE FUNCTION app_enable_tenant_rls(t text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (account_id = app_current_account()) WITH CHECK (account_id = app_current_account())', t);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO onepagepay_app', t);
END $$;
REVOKE EXECUTE ON FUNCTION app_enable_tenant_rls(text) FROM PUBLIC;
SELECT app_enable_tenant_rls(t) FROM unnest(ARRAY['memberships', 'invites', 'audit_log', 'provider_connections']) AS t;
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON accounts USING (id = app_current_account()) WITH CHECK (id = app_current_account());
GRANT SELECT, UPDATE ON accounts TO onepagepay_app;
-- Members' names and emails are shown to their team; the user table itself stays system-only.
GRANT SELECT (id, email, name) ON users TO onepagepay_app;
GRANT USAGE ON SEQUENCE audit_log_id_seq TO onepagepay_app;
