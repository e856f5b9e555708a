-- Catalog and payment forms: products, prices, payment forms and the prices each form offers.
-- Every row belongs to one account and one mode (test or live); composite foreign keys on
-- (account_id, mode, id) make it impossible, even for a buggy query, to attach a price to another
-- account's or another mode's product or form.

CREATE TABLE products (
  id text PRIMARY KEY CHECK (id ~ '^prod_[0-9A-Za-z]{24}$'),
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  archived boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, mode, id)
);
CREATE INDEX products_list_idx ON products (account_id, mode, created_at DESC, id DESC);

-- Amounts are integer minor units of the currency (cents; yen for jpy; fils for bhd).
CREATE TABLE prices (
  id text PRIMARY KEY CHECK (id ~ '^price_[0-9A-Za-z]{24}$'),
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  product_id text NOT NULL,
  nickname text NOT NULL DEFAULT '',
  type text NOT NULL CHECK (type IN ('fixed', 'custom')),
  currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
  unit_amount integer,
  max_quantity integer NOT NULL DEFAULT 1 CHECK (max_quantity BETWEEN 1 AND 999),
  min_amount integer,
  max_amount integer,
  archived boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, mode, id),
  FOREIGN KEY (account_id, mode, product_id) REFERENCES products (account_id, mode, id) ON DELETE CASCADE,
  CHECK (
    (type = 'fixed' AND unit_amount > 0 AND min_amount IS NULL AND max_amount IS NULL)
    OR (type = 'custom' AND unit_amount IS NULL AND max_quantity = 1 AND min_amount >= 1 AND max_amount >= min_amount)
  )
);
CREATE INDEX prices_list_idx ON prices (account_id, mode, created_at DESC, id DESC);
CREATE INDEX prices_product_idx ON prices (product_id);

CREATE TABLE payment_forms (
  id text PRIMARY KEY CHECK (id ~ '^form_[0-9A-Za-z]{24}$'),
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  selection text NOT NULL CHECK (selection IN ('fixed', 'pick_one', 'pick_many')),
  currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
  hubspot_portal_id text,
  hubspot_form_id text,
  success_message text,
  redirect_url text,
  allowed_domains jsonb NOT NULL DEFAULT '[]',
  deal_pipeline text,
  deal_stage text,
  refund_stage text,
  sync_failed_payments boolean NOT NULL DEFAULT false,
  archived boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, mode, id)
);
CREATE INDEX payment_forms_list_idx ON payment_forms (account_id, mode, created_at DESC, id DESC);

-- The prices a form offers, in display order.
CREATE TABLE payment_form_items (
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  form_id text NOT NULL,
  price_id text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (form_id, price_id),
  FOREIGN KEY (account_id, mode, form_id) REFERENCES payment_forms (account_id, mode, id) ON DELETE CASCADE,
  FOREIGN KEY (account_id, mode, price_id) REFERENCES prices (account_id, mode, id)
);
CREATE INDEX payment_form_items_price_idx ON payment_form_items (price_id);

SELECT app_enable_tenant_rls(t) FROM unnest(ARRAY['products', 'prices', 'payment_forms', 'payment_form_items']) AS t;
