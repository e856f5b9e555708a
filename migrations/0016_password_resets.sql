-- "Forgot password" (src/accounts/password-reset.ts): single-use links that expire. Only the token's
-- hash is kept; the row is not merchant data (a user can belong to several accounts).
CREATE TABLE password_resets (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
