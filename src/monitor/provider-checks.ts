import Stripe from 'stripe';
import type { MonitoredProvider, Mode } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { fetchHubSpotAccount } from '../providers/hubspot/hubspot-account.js';
import { hubspotApiBase } from '../providers/hubspot/hubspot-client.js';
import { HubSpotApiError, HubSpotUnreachableError, hubspotMessage, hubspotStatus } from '../providers/hubspot/hubspot-errors.js';
import { loadHubSpotConnection } from '../providers/hubspot/load-hubspot-connection.js';
import { loadStripeConnection } from '../providers/stripe/load-stripe-connection.js';

/**
 * Why a check ended as it did. `up`: ok, rate_limited (the provider answered; we are only throttled).
 * `down`: timeout, unreachable, server_error (5xx), credentials_refused (401/403, refresh refused),
 * misconfigured (e.g. a sandbox connection on a server not in sandbox mode), error (anything else).
 */
export type CheckReason = 'ok' | 'rate_limited' | 'timeout' | 'unreachable' | 'server_error' | 'credentials_refused' | 'misconfigured' | 'error';

export interface CheckResult {
  status: 'up' | 'down';
  reason: CheckReason;
  /** For the merchant's dashboard; never a secret. */
  detail: string | null;
}

const up = (reason: CheckReason = 'ok', detail: string | null = null): CheckResult => ({ status: 'up', reason, detail });
const down = (reason: CheckReason, detail: string): CheckResult => ({ status: 'down', reason, detail });
const names: Record<MonitoredProvider, string> = { stripe: 'Stripe', hubspot: 'HubSpot', paypal: 'PayPal' };

/** An account's connection check: the cheapest authenticated call, no retries, a short timeout. */
export type ConnectionCheck = (ctx: AppContext, scope: { accountId: string; mode: Mode }, timeoutMs: number) => Promise<CheckResult>;

/** Stripe: list one webhook endpoint (what the connection's key must be allowed to do anyway). */
export const checkStripeConnection: ConnectionCheck = async (ctx, { accountId, mode }, timeoutMs) => {
  try {
    const conn = await loadStripeConnection(ctx, accountId, mode);
    if (!conn) return up('ok', 'Not connected.');
    await conn.client.webhookEndpoints.list({ limit: 1 }, { timeout: timeoutMs, maxNetworkRetries: 0 });
    return up();
  } catch (err) {
    if (err instanceof AppError) return down('misconfigured', err.message);
    if (!(err instanceof Stripe.errors.StripeError)) throw err;
    if (err instanceof Stripe.errors.StripeConnectionError) {
      return /timeout/i.test(err.message) ? down('timeout', `Stripe did not answer within ${timeoutMs / 1000} s.`) : down('unreachable', 'Stripe could not be reached.');
    }
    if (err instanceof Stripe.errors.StripeAuthenticationError || err instanceof Stripe.errors.StripePermissionError) {
      return down('credentials_refused', `Stripe refused the secret key: ${err.message}`);
    }
    if (err instanceof Stripe.errors.StripeRateLimitError) return up('rate_limited', 'Stripe is rate-limiting this account.');
    if (err.statusCode !== undefined && err.statusCode >= 500) return down('server_error', `Stripe answered HTTP ${err.statusCode}.`);
    return down('error', `Stripe answered: ${err.message}`);
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

/** Which connection check runs for each provider (PayPal's comes with the PayPal connection). */
export const connectionChecks: Partial<Record<MonitoredProvider, ConnectionCheck>> = {
  stripe: checkStripeConnection,
  hubspot: checkHubSpotConnection,
};

/** Where this deployment reaches each provider's API: the stand-ins in sandbox mode. */
export function reachabilityTargets(sandboxUrls: AppContext['sandboxUrls']): Record<MonitoredProvider, string> {
  if (sandboxUrls) return { stripe: `${sandboxUrls.stripe}/v1/balance`, hubspot: `${sandboxUrls.hubspot}/account-info/v3/details`, paypal: `${sandboxUrls.paypal}/v1/oauth2/token` };
  return { stripe: 'https://api.stripe.com/v1/balance', hubspot: `${hubspotApiBase}/account-info/v3/details`, paypal: 'https://api-m.paypal.com/v1/oauth2/token' };
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
