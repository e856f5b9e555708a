import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Per-provider fault switches. The runner applies them to every request of that stand-in
 * (before its routes run); the stand-ins read `webhooksPaused` themselves.
 */
export interface ProviderFaults {
  /** 'off', or answer 503 to everything ('503'), or refuse connections ('refuse': the port stops listening). */
  outage: 'off' | '503' | 'refuse';
  /** Added latency per request, in milliseconds. */
  latencyMs: number;
  /** The next N requests answer 429 (with the provider's own body and headers). */
  burst429: number;
  /** Fraction (0..1) of requests that answer 500. */
  errorRate: number;
  /** Webhook deliveries are held (and delivered when resumed). */
  webhooksPaused: boolean;
}

export function defaultFaults(): ProviderFaults {
  return { outage: 'off', latencyMs: 0, burst429: 0, errorRate: 0, webhooksPaused: false };
}

export class FaultPatchError extends Error {
  readonly statusCode = 400;
}

const outages: readonly ProviderFaults['outage'][] = ['off', '503', 'refuse'];

function toBoolean(v: unknown, name: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1' || v === 1) return true;
  if (v === 'false' || v === '0' || v === 0) return false;
  throw new FaultPatchError(`${name} must be true or false`);
}

function toNumber(v: unknown, name: string, min: number, max = Infinity): number {
  const n = Number(v);
  if (v === '' || v === null || !Number.isFinite(n) || n < min || n > max) throw new FaultPatchError(`${name} must be a number from ${min}${max === Infinity ? '' : ` to ${max}`}`);
  return n;
}

/**
 * Validates a partial fault setting (from JSON, a form or the CLI, so strings are accepted) and
 * returns it normalised. Everything is checked before anything changes.
 */
export function parseFaultPatch(input: Record<string, unknown>): Partial<ProviderFaults> {
  const out: Partial<ProviderFaults> = {};
  if (input.outage !== undefined) {
    const outage = String(input.outage) as ProviderFaults['outage'];
    if (!outages.includes(outage)) throw new FaultPatchError('outage must be off, 503 or refuse');
    out.outage = outage;
  }
  if (input.latencyMs !== undefined) out.latencyMs = toNumber(input.latencyMs, 'latencyMs', 0, 600_000);
  if (input.burst429 !== undefined) out.burst429 = Math.floor(toNumber(input.burst429, 'burst429', 0));
  if (input.errorRate !== undefined) out.errorRate = toNumber(input.errorRate, 'errorRate', 0, 1);
  if (input.webhooksPaused !== undefined) out.webhooksPaused = toBoolean(input.webhooksPaused, 'webhooksPaused');
  return out;
}

/** Provider-specific bodies for injected errors, so the official SDKs react as they would in production. */
export interface FaultBodies {
  status503(req: FastifyRequest): unknown;
  status429(req: FastifyRequest): { headers?: Record<string, string>; body: unknown };
  status500(req: FastifyRequest): unknown;
}

/** The control API lives under this prefix on every stand-in and is never subject to faults. */
export const controlPrefix = '/__sandbox';

/** Waits `latencyMs` of the faults (never for the control API). */
export async function addedLatency(faults: ProviderFaults, req: FastifyRequest) {
  if (faults.latencyMs > 0 && !req.url.startsWith(controlPrefix)) await new Promise((r) => setTimeout(r, faults.latencyMs));
}

export function faultHook(faults: ProviderFaults, bodies: FaultBodies, options: { latency: boolean } = { latency: true }) {
  return async function applyFaults(req: FastifyRequest, reply: FastifyReply) {
    if (req.url.startsWith(controlPrefix)) return;
    if (options.latency) await addedLatency(faults, req);
    if (faults.outage !== 'off') {
      return reply.code(503).send(bodies.status503(req));
    }
    if (faults.burst429 > 0) {
      faults.burst429 -= 1;
      const { headers, body } = bodies.status429(req);
      if (headers) reply.headers(headers);
      return reply.code(429).send(body);
    }
    if (faults.errorRate > 0 && Math.random() < faults.errorRate) {
      return reply.code(500).send(bodies.status500(req));
    }
  };
}
