import type { MonitoredProvider, Mode } from '../platform/db/schema.js';
import { paymentProviders } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { down, up, type CheckResult } from '../providers/health-check.js';
import { fetchHubSpotAccount } from '../providers/hubspot/hubspot-account.js';
import { hubspotApiBase } from '../providers/hubspot/hubspot-client.js';
import { HubSpotApiError, HubSpotUnreachableError, hubspotMessage, hubspotStatus } from '../providers/hubspot/hubspot-errors.js';
import { loadHubSpotConnection } from '../providers/hubspot/load-hubspot-connection.js';
import { providerNames as names } from '../providers/provider-names.js';
import { loadPaymentConnection, paymentProvider } from '../providers/payment-providers.js';

export type { CheckReason, CheckResult } from '../providers/health-check.js';

/** An account's connection check: the cheapest authenticated call, no retries, a short timeout. */
export type ConnectionCheck = (ctx: AppContext, scope: { accountId: string; mode: Mode }, timeoutMs: number) => Promise<CheckResult>;

/** A payment provider's connection: its adapter's health check (a connection that cannot be opened is misconfigured). */
const checkPaymentConnection =
  (provider: (typeof paymentProviders)[number]): ConnectionCheck =>
  async (ctx, { accountId, mode }, timeoutMs) => {
    try {
      const connection = await loadPaymentConnection(ctx, accountId, mode, provider);
      if (!connection) return up('ok', 'Not connected.');
      return await connection.checkHealth(timeoutMs);
    } catch (err) {
      if (err instanceof AppError) return down('misconfigured', err.message);
      throw err;
    }
  };

/** HubSpot: the account details of the connection's portal (an OAuth token refreshed first if due, and again on a 401). */
export const checkHubSpotConnection: ConnectionCheck = async (ctx, { accountId, mode }, timeoutMs) => {
  try {
    let conn = await loadHubSpotConnection(ctx, accountId, mode);
    if (!conn) return up('ok', 'Not connected.');
    try {
      await fetchHubSpotAccount(conn.baseUrl, conn.accessToken, timeoutMs);
    } catch (err) {
      if (!(conn.authType === 'oauth' && hubspotStatus(err)?.status === 401)) throw err;
      conn = (await loadHubSpotConnection(ctx, accountId, mode, { forceRefresh: true }))!;
      await fetchHubSpotAccount(conn.baseUrl, conn.accessToken, timeoutMs);
    }
    return up();
  } catch (err) {
    if (err instanceof AppError) {
      // From loading: a refresh HubSpot refused (reconnect), HubSpot unreachable while refreshing, or no stand-in.
      if (err.code === 'unprocessable') return down('credentials_refused', err.message);
      if (err.code === 'provider_unavailable' && /sandbox/.test(err.message)) return down('misconfigured', err.message);
      return down('unreachable', err.message);
    }
    return classifyHttpFailure('hubspot', err, timeoutMs);
  }
};

function classifyHttpFailure(provider: MonitoredProvider, err: unknown, timeoutMs: number): CheckResult {
  const name = names[provider];
  if (err instanceof HubSpotUnreachableError) {
    return err.reason === 'timeout' ? down('timeout', `${name} did not answer within ${timeoutMs / 1000} s.`) : down('unreachable', `${name} could not be reached.`);
  }
  if (err instanceof HubSpotApiError) {
    if (err.status === 401 || err.status === 403) return down('credentials_refused', `${name} refused the access token: ${hubspotMessage(err.body) ?? `HTTP ${err.status}`}`);
    if (err.status === 429) return up('rate_limited', `${name} is rate-limiting this connection.`);
    if (err.status >= 500) return down('server_error', `${name} answered HTTP ${err.status}.`);
    return down('error', `${name} answered HTTP ${err.status}.`);
  }
  throw err;
}

/** Which connection check runs for each provider: every registered payment provider's, and HubSpot's. */
export const connectionChecks: Partial<Record<MonitoredProvider, ConnectionCheck>> = {
  ...Object.fromEntries(paymentProviders.filter((p) => paymentProvider(p)).map((p) => [p, checkPaymentConnection(p)])),
  hubspot: checkHubSpotConnection,
};

/**
 * Where this deployment reaches each provider's API (the stand-ins in sandbox mode): a payment
 * provider's adapter says.
 */
export function reachabilityTargets(sandboxUrls: AppContext['sandboxUrls']): Partial<Record<MonitoredProvider, string>> {
  const targets: Partial<Record<MonitoredProvider, string>> = {
    hubspot: sandboxUrls ? `${sandboxUrls.hubspot}/account-info/v3/details` : `${hubspotApiBase}/account-info/v3/details`,
  };
  for (const provider of paymentProviders) {
    const adapter = paymentProvider(provider);
    if (adapter) targets[provider] = adapter.reachabilityUrl(sandboxUrls);
  }
  return targets;
}

/**
 * Whether the provider's API answers at all: an unauthenticated GET, where any answer below 500
 * (401 is the usual one) means reachable.
 */
export async function checkReachability(provider: MonitoredProvider, target: string, timeoutMs: number): Promise<CheckResult> {
  let res: Response;
  try {
    res = await fetch(target, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
  } catch (err) {
    const timedOut = (err as Error).name === 'TimeoutError';
    return timedOut ? down('timeout', `${names[provider]} did not answer within ${timeoutMs / 1000} s.`) : down('unreachable', `${names[provider]} could not be reached.`);
  }
  return res.status >= 500 ? down('server_error', `${names[provider]} answered HTTP ${res.status}.`) : up();
}
