-- Totals of transactions per hour (UTC), kept beside them, so that the list's totals and the
-- revenue series read a few thousand rows instead of every transaction (bench/README.md,
-- "Segmentation queries"; the reads are in src/payments/totals-query.ts).
--
-- The rows are changes. Triggers append, in the same database transaction as the write to
-- transactions: +1 with a transaction's values when it is created, and -1 with its old values and
-- +1 with its new ones when a counted value changes. Appending never waits on another writer, so
-- checkouts and webhooks of one merchant do not queue on a shared totals row.
-- compactTransactionTotals() (src/payments/compact-transaction-totals.ts, every minute by cron)
-- folds the rows of each key into one. A read sums the rows of its keys, folded or not.
--
-- A transaction counts once under dimension 'all', once under each distinct product of its items
-- ('product', the product's id) and once under each distinct price ('price', the price's id).
-- Items are written only together with their transaction (src/checkout/insert-pending-payment.ts)
-- and never change. Transactions are deleted only with their account, which takes these rows along.
CREATE TABLE transaction_totals (
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  hour timestamptz NOT NULL,
  dimension text NOT NULL CHECK (dimension IN ('all', 'product', 'price')),
  key text NOT NULL,
  currency text NOT NULL,
  status text NOT NULL,
  provider text NOT NULL,
  form_id text NOT NULL,
  count bigint NOT NULL,
  amount bigint NOT NULL,
  amount_refunded bigint NOT NULL,
  compacted boolean NOT NULL DEFAULT false
);
CREATE INDEX transaction_totals_lookup_idx ON transaction_totals (account_id, mode, dimension, key, hour);
CREATE INDEX transaction_totals_fresh_idx ON transaction_totals (hour) WHERE NOT compacted;

-- Tenants read their own rows. Only the triggers and the compaction write, as the owner of the
-- tables (the functions below are SECURITY DEFINER): the app role can read, not write.
ALTER TABLE transaction_totals ENABLE ROW LEVEL SECURITY;
ALTER TABLE transaction_totals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON transaction_totals FOR SELECT USING (account_id = app_current_account());
CREATE POLICY owner_writes ON transaction_totals TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT ON transaction_totals TO onepagepay_app;

CREATE FUNCTION app_count_new_transactions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO transaction_totals (account_id, mode, hour, dimension, key, currency, status, provider, form_id, count, amount, amount_refunded)
    SELECT account_id, mode, date_trunc('hour', created_at, 'UTC'), 'all', '', currency, status, provider, form_id, 1, amount, amount_refunded
      FROM new_rows;
  RETURN NULL;
END $$;

CREATE FUNCTION app_count_new_transaction_items() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO transaction_totals (account_id, mode, hour, dimension, key, currency, status, provider, form_id, count, amount, amount_refunded)
    SELECT t.account_id, t.mode, date_trunc('hour', t.created_at, 'UTC'), d.dimension, d.key, t.currency, t.status, t.provider, t.form_id, 1, t.amount, t.amount_refunded
      FROM (SELECT transaction_id, 'product' AS dimension, product_id AS key FROM new_items
            UNION
            SELECT transaction_id, 'price', price_id FROM new_items) d
      JOIN transactions t ON t.id = d.transaction_id;
  RETURN NULL;
END $$;

CREATE FUNCTION app_count_changed_transactions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO transaction_totals (account_id, mode, hour, dimension, key, currency, status, provider, form_id, count, amount, amount_refunded)
    SELECT v.account_id, v.mode, date_trunc('hour', v.created_at, 'UTC'), d.dimension, d.key, v.currency, v.status, v.provider, v.form_id,
           v.sign, v.sign * v.amount, v.sign * v.amount_refunded
      FROM (SELECT -1 AS sign, o.id, o.account_id, o.mode, o.created_at, o.currency, o.status, o.provider, o.form_id, o.amount, o.amount_refunded
              FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.created_at, o.currency, o.status, o.provider, o.form_id, o.amount, o.amount_refunded)
                   IS DISTINCT FROM (n.created_at, n.currency, n.status, n.provider, n.form_id, n.amount, n.amount_refunded)
            UNION ALL
            SELECT 1, n.id, n.account_id, n.mode, n.created_at, n.currency, n.status, n.provider, n.form_id, n.amount, n.amount_refunded
              FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.created_at, o.currency, o.status, o.provider, o.form_id, o.amount, o.amount_refunded)
                   IS DISTINCT FROM (n.created_at, n.currency, n.status, n.provider, n.form_id, n.amount, n.amount_refunded)) v
      CROSS JOIN LATERAL (
            SELECT 'all' AS dimension, '' AS key
            UNION
            SELECT 'product', i.product_id FROM transaction_items i WHERE i.transaction_id = v.id
            UNION
            SELECT 'price', i.price_id FROM transaction_items i WHERE i.transaction_id = v.id) d;
  RETURN NULL;
END $$;

REVOKE EXECUTE ON FUNCTION app_count_new_transactions(), app_count_new_transaction_items(), app_count_changed_transactions() FROM PUBLIC;

CREATE TRIGGER transactions_count_new AFTER INSERT ON transactions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_count_new_transactions();
CREATE TRIGGER transaction_items_count_new AFTER INSERT ON transaction_items
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION app_count_new_transaction_items();
CREATE TRIGGER transactions_count_changed AFTER UPDATE ON transactions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_count_changed_transactions();

-- The transactions stored so far, folded.
INSERT INTO transaction_totals (account_id, mode, hour, dimension, key, currency, status, provider, form_id, count, amount, amount_refunded, compacted)
  SELECT t.account_id, t.mode, date_trunc('hour', t.created_at, 'UTC'), d.dimension, d.key, t.currency, t.status, t.provider, t.form_id,
         count(*), sum(t.amount), sum(t.amount_refunded), true
    FROM transactions t
   CROSS JOIN LATERAL (
         SELECT 'all' AS dimension, '' AS key
         UNION
         SELECT 'product', i.product_id FROM transaction_items i WHERE i.transaction_id = t.id
         UNION
         SELECT 'price', i.price_id FROM transaction_items i WHERE i.transaction_id = t.id) d
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;

-- An amount range in a currency (a filter the hourly totals cannot answer) reads this index alone.
CREATE INDEX transactions_amount_idx ON transactions (account_id, mode, currency, amount) INCLUDE (status, amount_refunded);

-- The tenant's account is a setting read per row by every policy: marked parallel safe (it is: a
-- setting is copied to parallel workers), PostgreSQL may scan a large table with several workers
-- under row-level security too, where it ran one process before.
ALTER FUNCTION app_current_account() PARALLEL SAFE;
