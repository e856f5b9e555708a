-- The search box (src/payments/search.ts) finds a payment by the provider's charge or capture id too.
CREATE INDEX transactions_provider_charge_idx ON transactions (provider_charge_id) WHERE provider_charge_id IS NOT NULL;
