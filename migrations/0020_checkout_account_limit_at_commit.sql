-- The checkout's per-account limit (src/payments/checkout-throttle.ts) is decided at COMMIT, by a
-- deferred constraint trigger on the new payment's row, instead of by the app in the middle of the
-- transaction. The decision must be exact under concurrency, so it takes a per-account lock held
-- until the transaction ends: decided in the app, that lock was held across the app's round trips
-- (the count, then the COMMIT it sends when its event loop gets to it), and one merchant's payments
-- passed at the app's pace. Decided here, it is held only for the count and the commit's WAL flush.
--
-- The app names the limit for its transaction: set_config('app.checkout_account_limit',
-- '<max unpaid>:<window minutes>', true). A transaction that does not name it (a test's or a
-- seed's insert) is not checked; its rows still count in the checkout's checks. Each statement of a
-- plpgsql function takes a new snapshot, so the count, run after the lock is granted, sees every
-- payment committed by the lock's earlier holders, and the new payment itself.
CREATE FUNCTION app_checkout_account_limit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  setting text := current_setting('app.checkout_account_limit', true);
  max_unpaid int;
  window_minutes int;
  unpaid int;
BEGIN
  IF setting IS NULL OR setting = '' THEN
    RETURN NULL;
  END IF;
  max_unpaid := split_part(setting, ':', 1)::int;
  window_minutes := split_part(setting, ':', 2)::int;
  PERFORM pg_advisory_xact_lock(hashtext('payments:account:' || NEW.account_id));
  SELECT count(*) INTO unpaid FROM (
    SELECT 1 FROM transactions
     WHERE account_id = NEW.account_id AND mode = NEW.mode AND status NOT IN ('succeeded', 'partially_refunded', 'refunded')
       AND created_at > now() - make_interval(mins => window_minutes)
     LIMIT max_unpaid + 1) AS window_payments;
  IF unpaid > max_unpaid THEN
    RAISE EXCEPTION 'too many unpaid payments for account %', NEW.account_id USING ERRCODE = 'OP429';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER transactions_checkout_account_limit
  AFTER INSERT ON transactions
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION app_checkout_account_limit();

