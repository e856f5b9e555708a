-- Chargebacks: where a payment's dispute stands, as its provider says (src/payments/apply-provider-payment.ts).
-- NULL: never disputed; 'disputed': open (Stripe's needs_response, under_review and their warning_
-- forms); 'won' or 'lost': closed. A payment keeps its status (succeeded, refunded…): the dispute
-- is beside it, shown, filtered on, exported and synced to HubSpot.
ALTER TABLE transactions ADD COLUMN dispute_status text CHECK (dispute_status IN ('disputed', 'won', 'lost'));
CREATE INDEX transactions_disputed ON transactions (account_id, mode, created_at) WHERE dispute_status IS NOT NULL;
