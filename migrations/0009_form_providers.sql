-- Which payment providers a form offers (card through Stripe, PayPal, or both): each is shown only
-- while it is also connected. Existing forms offer every provider, as they did.
ALTER TABLE payment_forms ADD COLUMN providers jsonb NOT NULL DEFAULT '["stripe", "paypal"]'::jsonb;
