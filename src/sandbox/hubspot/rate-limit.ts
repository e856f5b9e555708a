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

function prune(window: number[], now: number, intervalMs: number) {
  while (window.length && window[0] <= now - intervalMs) window.shift();
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Counts one API request of a token: records it in the portal's statistics, then applies the rolling
 * per-token limit and the portal's daily limit. Sets the `X-HubSpot-RateLimit-*` headers either way and
 * answers the 429 itself; returns false when it did.
 */
export function meterRequest(portal: Portal, token: AccessToken, endpoint: string, now: number, reply: FastifyReply): boolean {
  const { max, intervalMs, daily } = portal.rateLimit;
  const stats = portal.stats;
  stats.requests += 1;
  stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;
  prune(stats.window, now, intervalMs);
  stats.window.push(now);
  stats.maxInWindow = Math.max(stats.maxInWindow, stats.window.length);

  if (portal.daily.day !== dayOf(now)) portal.daily = { day: dayOf(now), count: 0 };
  prune(token.window, now, intervalMs);

  const overDaily = portal.daily.count >= daily;
  const overWindow = token.window.length >= max;
  if (!overDaily && !overWindow) {
    token.window.push(now);
    portal.daily.count += 1;
  }
  reply.header('X-HubSpot-RateLimit-Max', String(max));
  reply.header('X-HubSpot-RateLimit-Remaining', String(Math.max(0, max - token.window.length)));
  reply.header('X-HubSpot-RateLimit-Interval-Milliseconds', String(intervalMs));
  if (token.kind === 'private') {
    reply.header('X-HubSpot-RateLimit-Daily', String(daily));
    reply.header('X-HubSpot-RateLimit-Daily-Remaining', String(Math.max(0, daily - portal.daily.count)));
  }
  if (overDaily || overWindow) {
    stats.rateLimited += 1;
    reply.code(429).send(overWindow ? tenSecondlyBody() : dailyBody());
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
