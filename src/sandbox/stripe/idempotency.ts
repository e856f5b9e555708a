import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SandboxClock } from '../clock.js';
import { maybeScopeOf, requestIdOf } from './auth.js';
import { idempotencyError, invalidRequest } from './errors.js';

/** Stripe keeps idempotency keys at least 24 hours; here, 24 hours of sandbox time. */
export const idempotencyTtlMs = 24 * 60 * 60 * 1000;

interface Entry {
  endpoint: string;
  fingerprint: string;
  createdAt: number;
  requestId: string;
  done: Promise<void>;
  finish(): void;
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
 * the same key → 400 `idempotency_error`. Requests sharing a key run one at a time, so
 * concurrent identical requests create one object (Stripe itself answers 409 to the
 * later ones, which the SDK retries; the end result is the same).
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

    for (;;) {
      const existing = entries.get(key);
      if (existing && existing.createdAt < clock.nowMs() - idempotencyTtlMs && existing.response) entries.delete(key);
      const entry = entries.get(key);
      if (!entry) break;
      if (!entry.response) {
        await entry.done;
        continue;
      }
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

    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const entry: Entry = { endpoint, fingerprint, createdAt: clock.nowMs(), requestId: requestIdOf(req), done, finish };
    entries.set(key, entry);
    owned.set(req, entry);
    if (++sinceSweep >= 1000) {
      sinceSweep = 0;
      sweep();
    }
    // If the request dies before answering, free the key rather than block it forever.
    const release = () => {
      if (!entry.response && entries.get(key) === entry) entries.delete(key);
      entry.finish();
    };
    reply.raw.once('close', release);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const entry = owned.get(req);
    if (!entry || entry.response) return payload;
    entry.response = { status: reply.statusCode, body: typeof payload === 'string' ? payload : String(payload ?? '') };
    entry.finish();
    reply.header('idempotency-key', req.headers['idempotency-key'] as string);
    return payload;
  });

  return { reset: () => entries.clear() };
}
