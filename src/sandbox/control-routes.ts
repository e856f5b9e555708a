import type { FastifyInstance } from 'fastify';
import type { SandboxClock } from './clock.js';
import { controlPrefix, type ProviderFaults } from './faults.js';
import type { SandboxProvider } from './types.js';

export interface ControlTarget {
  provider: SandboxProvider;
  faults: ProviderFaults;
  clock: SandboxClock;
  reset(): void;
  /** Switches 'refuse' outages on or off (closes or reopens the listening port). */
  applyOutage(outage: ProviderFaults['outage']): Promise<void>;
}

/**
 * The sandbox control API, mounted on every stand-in under `/__sandbox` (see docs/sandbox.md).
 * A 'refuse' outage closes the port, so to lift it call the control API of another stand-in
 * with `provider` set, or use the in-process handle.
 */
export async function registerControlRoutes(app: FastifyInstance, targets: Record<SandboxProvider, ControlTarget>, self: SandboxProvider) {
  const pick = (body: unknown): ControlTarget => {
    const name = (body as { provider?: SandboxProvider } | undefined)?.provider ?? self;
    const target = targets[name];
    if (!target) throw Object.assign(new Error(`unknown provider ${name}`), { statusCode: 400 });
    return target;
  };

  app.get(`${controlPrefix}/state`, async () => {
    const out: Record<string, unknown> = { nowMs: targets[self].clock.nowMs() };
    for (const [name, target] of Object.entries(targets)) out[name] = { ...target.faults };
    return out;
  });

  app.post(`${controlPrefix}/faults`, async (req) => {
    const target = pick(req.body);
    const body = (req.body ?? {}) as Partial<ProviderFaults>;
    if (body.latencyMs !== undefined) target.faults.latencyMs = Math.max(0, Number(body.latencyMs));
    if (body.burst429 !== undefined) target.faults.burst429 = Math.max(0, Math.floor(Number(body.burst429)));
    if (body.errorRate !== undefined) target.faults.errorRate = Math.min(1, Math.max(0, Number(body.errorRate)));
    if (body.webhooksPaused !== undefined) target.faults.webhooksPaused = Boolean(body.webhooksPaused);
    if (body.outage !== undefined) {
      if (!['off', '503', 'refuse'].includes(body.outage)) throw Object.assign(new Error('outage must be off, 503 or refuse'), { statusCode: 400 });
      await target.applyOutage(body.outage);
    }
    return { provider: target.provider, faults: target.faults };
  });

  app.post(`${controlPrefix}/clock/advance`, async (req) => {
    const { seconds } = (req.body ?? {}) as { seconds?: number };
    const s = Number(seconds);
    if (!Number.isFinite(s) || s < 0) throw Object.assign(new Error('seconds must be a non-negative number'), { statusCode: 400 });
    return { nowMs: targets[self].clock.advance(s * 1000) };
  });

  app.post(`${controlPrefix}/reset`, async (req) => {
    const target = pick(req.body);
    target.reset();
    return { provider: target.provider, reset: true };
  });
}
