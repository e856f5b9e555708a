import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SandboxClock } from '../clock.js';
import { maybeScopeOf, requestIdOf } from './auth.js';
import { idempotencyError, invalidRequest } from './errors.js';

/**
 * Stripe's answer to a request whose key another request is still using (error code
 * `idempotency_key_in_use`, https://docs.stripe.com/error-codes#idempotency-key-in-use): 409,
 * nothing saved, so the same request a moment later gets the first one's response. The SDK
 * retries 409s by itself.
 */
function keyInUse(key: string) {
  return invalidRequest(
    `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): '${key}'. Please try again later.`,
    { code: 'idempotency_key_in_use', status: 409 },
  );
}

/** Stripe keeps idempotency keys at least 24 hours; here, 24 hours of sandbox time. */
export const idempotencyTtlMs = 24 * 60 * 60 * 1000;

interface Entry {
  endpoint: string;
  fingerprint: string;
  createdAt: number;
  requestId: string;
  response?: { status: number; body: string };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * `Idempotency-Key` on POSTs: the first response (status and body, errors included) is saved
 * and replayed with `Idempotent-Replayed: true`; other parameters or another endpoint under
 * the same key → 400 `idempotency_error`. A request arriving while another with its key is in
 * flight → 409 `idempotency_key_in_use`, as Stripe answers (it neither waits nor runs it).
 */
export function registerIdempotency(app: FastifyInstance, clock: SandboxClock): { reset(): void } {
  const entries = new Map<string, Entry>();
  const owned = new WeakMap<FastifyRequest, Entry>();
  let sinceSweep = 0;

  const sweep = () => {
    const cutoff = clock.nowMs() - idempotencyTtlMs;
    for (const [k, e] of entries) if (e.response && e.createdAt < cutoff) entries.delete(k);
  };

  app.addHook('preHandler', async (req, reply) => {
    const raw = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof raw !== 'string' || raw === '') return;
    const scope = maybeScopeOf(req);
    if (!scope) return;
    if (raw.length > 255) throw invalidRequest('Invalid idempotency key: must be at most 255 characters long.', { param: 'Idempotency-Key' });
    const key = `${scope.data.account}:${scope.livemode ? 'live' : 'test'}:${raw}`;
    const endpoint = `${req.method} ${req.url.split('?')[0]}`;
    const fingerprint = canonical(req.body ?? {});

    const existing = entries.get(key);
    if (existing && existing.createdAt < clock.nowMs() - idempotencyTtlMs && existing.response) entries.delete(key);
    const entry = entries.get(key);
    if (entry) {
      if (!entry.response) throw keyInUse(raw);
      if (entry.endpoint !== endpoint) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${entry.endpoint}' vs '${endpoint}'). Try using a key other than '${raw}' if you meant to execute a different request.`,
        );
      }
      if (entry.fingerprint !== fingerprint) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${raw}' if you meant to execute a different request.`,
        );
      }
      return reply
        .code(entry.response.status)
        .header('content-type', 'application/json; charset=utf-8')
        .header('idempotent-replayed', 'true')
        .header('original-request', entry.requestId)
        .send(entry.response.body);
    }

    const mine: Entry = { endpoint, fingerprint, createdAt: clock.nowMs(), requestId: requestIdOf(req) };
    entries.set(key, mine);
    owned.set(req, mine);
    if (++sinceSweep >= 1000) {
      sinceSweep = 0;
      sweep();
    }
    // If the request dies before answering, free the key rather than refuse it forever.
    reply.raw.once('close', () => {
      if (!mine.response && entries.get(key) === mine) entries.delete(key);
    });
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const entry = owned.get(req);
    if (!entry || entry.response) return payload;
    entry.response = { status: reply.statusCode, body: typeof payload === 'string' ? payload : String(payload ?? '') };
    reply.header('idempotency-key', req.headers['idempotency-key'] as string);
    return payload;
  });

  return { reset: () => entries.clear() };
}
