import type { FastifyReply } from 'fastify';
import { newCorrelationId } from './errors.js';
import type { AccessToken, Portal } from './store.js';

/** HubSpot's 429 body for the rolling ten-second limit; the official client retries on exactly this policyName. */
export function tenSecondlyBody(correlationId = newCorrelationId()) {
  return {
    status: 'error',
    message: 'You have reached your ten_secondly_rolling limit.',
    errorType: 'RATE_LIMIT',
    correlationId,
    policyName: 'TEN_SECONDLY_ROLLING',
  };
}

function dailyBody(correlationId = newCorrelationId()) {
  return { status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', correlationId, policyName: 'DAILY' };
}

/** The search API's own per-second limit (the official client retries this message too). */
function secondlyBody(correlationId = newCorrelationId()) {
  return { status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId, policyName: 'SECONDLY' };
}

/** Whose window a request counts in: an OAuth app's (its client id) or a private app's (its token), within the portal. */
const appOf = (token: AccessToken) => (token.kind === 'oauth' ? `oauth:${token.clientId ?? ''}` : `private:${token.token}`);

const isSearch = (endpoint: string) => /^POST \/crm\/v3\/objects\/[^/]+\/search$/.test(endpoint);

function prune(window: number[], now: number, intervalMs: number) {
  while (window.length && window[0] <= now - intervalMs) window.shift();
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Counts one API request as HubSpot does: in the rolling window of its app in this portal (private
 * apps `max` by the account's tier, OAuth apps `oauthMax`), or for CRM search in the portal's
 * per-second search window instead; and in the portal's daily count, shared by all its apps. Records
 * it in the portal's statistics, sets the `X-HubSpot-RateLimit-*` headers (not on search answers;
 * the daily ones for private apps only) and answers the 429 itself; returns false when it did.
 */
export function meterRequest(portal: Portal, token: AccessToken, endpoint: string, now: number, reply: FastifyReply): boolean {
  const { intervalMs, daily, searchPerSecond } = portal.rateLimit;
  const max = token.kind === 'oauth' ? portal.rateLimit.oauthMax : portal.rateLimit.max;
  const stats = portal.stats;
  stats.requests += 1;
  stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;
  prune(stats.window, now, intervalMs);
  stats.window.push(now);
  stats.maxInWindow = Math.max(stats.maxInWindow, stats.window.length);

  if (portal.daily.day !== dayOf(now)) portal.daily = { day: dayOf(now), count: 0 };
  const search = isSearch(endpoint);
  const app = appOf(token);
  let window = portal.appWindows.get(app);
  if (!window) portal.appWindows.set(app, (window = []));
  prune(window, now, intervalMs);
  prune(portal.searchWindow, now, 1000);

  const overDaily = portal.daily.count >= daily;
  const overWindow = search ? portal.searchWindow.length >= searchPerSecond : window.length >= max;
  if (!overDaily && !overWindow) {
    (search ? portal.searchWindow : window).push(now);
    portal.daily.count += 1;
  }
  if (!search) {
    reply.header('X-HubSpot-RateLimit-Max', String(max));
    reply.header('X-HubSpot-RateLimit-Remaining', String(Math.max(0, max - window.length)));
    reply.header('X-HubSpot-RateLimit-Interval-Milliseconds', String(intervalMs));
  }
  if (token.kind === 'private') {
    reply.header('X-HubSpot-RateLimit-Daily', String(daily));
    reply.header('X-HubSpot-RateLimit-Daily-Remaining', String(Math.max(0, daily - portal.daily.count)));
  }
  if (overDaily || overWindow) {
    stats.rateLimited += 1;
    reply.code(429).send(overDaily ? dailyBody() : search ? secondlyBody() : tenSecondlyBody());
    return false;
  }
  return true;
}

/** The statistics a test or benchmark reads to prove the product stayed under the limit. */
export function renderStats(portal: Portal, now: number) {
  const s = portal.stats;
  prune(s.window, now, portal.rateLimit.intervalMs);
  return {
    portalId: portal.portalId,
    since: new Date(s.since).toISOString(),
    rateLimit: portal.rateLimit,
    requests: s.requests,
    rateLimited: s.rateLimited,
    maxRequestsInWindow: s.maxInWindow,
    requestsInCurrentWindow: s.window.length,
    dailyUsed: portal.daily.day === dayOf(now) ? portal.daily.count : 0,
    byEndpoint: s.byEndpoint,
  };
}
