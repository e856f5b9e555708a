-- HubSpot's daily limit is shared by every app of a portal: the sync counts its own requests per
-- portal and UTC day (src/sync/shared-rate-limiter.ts) and stops before its share is spent.
ALTER TABLE hubspot_rate_limits ADD COLUMN day text NOT NULL DEFAULT '';
ALTER TABLE hubspot_rate_limits ADD COLUMN day_count integer NOT NULL DEFAULT 0;
