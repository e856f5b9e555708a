import type { MonitoredProvider } from '../platform/db/schema.js';
import type { AppContext } from '../platform/http/types.js';

export interface ProviderAvailability {
  available: boolean;
  /** For the buyer, shown instead of the payment form; null when available. */
  message: string | null;
}

/** What a buyer reads when a provider the form needs is down (order = which one is named first). */
const buyerMessages: Record<MonitoredProvider, { down: string; refused: string }> = {
  stripe: {
    down: 'Payments are temporarily unavailable: our card processor cannot be reached. Please try again in a few minutes.',
    refused: 'Payments are temporarily unavailable: the card processor is not accepting payments for this merchant right now. Please try again later.',
  },
  paypal: {
    down: 'Payments are temporarily unavailable: PayPal cannot be reached. Please try again in a few minutes.',
    refused: 'Payments are temporarily unavailable: PayPal is not accepting payments for this merchant right now. Please try again later.',
  },
  hubspot: {
    down: 'Payments are temporarily unavailable: our customer records service (HubSpot) cannot be reached. Please try again in a few minutes.',
    refused: 'Payments are temporarily unavailable: this merchant’s HubSpot connection needs attention. Please try again later.',
  },
};
const precedence: MonitoredProvider[] = ['stripe', 'paypal', 'hubspot'];

/**
 * How old a stored result may be and still count. A monitor that stopped must not keep a form
 * closed (or open) forever, so results older than three check intervals (at least two minutes) are
 * ignored, and the form is offered as if the provider were up.
 */
export const staleAfterSeconds = (config: AppContext['config']) => Math.max(3 * config.monitorIntervalSeconds, 120);

/** The providers down for an account and mode, with why ('credentials_refused' or another reason). */
export type DownProviders = Map<MonitoredProvider, string>;

/**
 * Which of these providers are down for this account and mode, from the latest stored checks
 * (src/monitor/run-checks.ts): the account's own connection checks, and this deployment's
 * reachability of each provider. Unknown (not yet checked) and stale results count as up.
 *
 * One indexed query in system scope, explicitly filtered by account and mode: it runs on every
 * public form-config request, which has no session. A result older than the connection's last
 * change (reconnected since) is ignored.
 */
export async function downProviders(ctx: Pick<AppContext, 'database' | 'config'>, scope: { accountId: string; mode: 'test' | 'live' }, providers: MonitoredProvider[]): Promise<DownProviders> {
  const down: DownProviders = new Map();
  if (providers.length === 0) return down;
  const { rows } = await ctx.database.query<{ provider: MonitoredProvider; reason: string }>(
    `SELECT s.provider, s.reason
       FROM provider_status s
       JOIN provider_connections c ON c.account_id = s.account_id AND c.mode = s.mode AND c.provider = s.provider
      WHERE s.account_id = $1 AND s.mode = $2 AND s.provider = ANY($3::text[]) AND s.status = 'down'
        AND s.checked_at >= c.updated_at AND s.checked_at > now() - make_interval(secs => $4::int)
     UNION ALL
     SELECT r.provider, r.reason
       FROM provider_reachability r
      WHERE r.provider = ANY($3::text[]) AND r.status = 'down' AND r.checked_at > now() - make_interval(secs => $4::int)`,
    [scope.accountId, scope.mode, providers, staleAfterSeconds(ctx.config)],
  );
  for (const { provider, reason } of rows) if (down.get(provider) !== 'credentials_refused') down.set(provider, reason);
  return down;
}

/** Available unless one of `needed` is down; then what the buyer reads about the first of them. */
export function availabilityOf(down: DownProviders, needed: MonitoredProvider[]): ProviderAvailability {
  const first = precedence.find((p) => needed.includes(p) && down.has(p));
  if (!first) return { available: true, message: null };
  return { available: false, message: buyerMessages[first][down.get(first) === 'credentials_refused' ? 'refused' : 'down'] };
}

/** Whether every one of the providers is up for this account and mode (see downProviders). */
export async function providerAvailability(
  ctx: Pick<AppContext, 'database' | 'config'>,
  scope: { accountId: string; mode: 'test' | 'live' },
  providers: MonitoredProvider[],
): Promise<ProviderAvailability> {
  return availabilityOf(await downProviders(ctx, scope, providers), providers);
}
