import type { FastifyInstance } from 'fastify';
import type { SandboxClock } from './clock.js';
import { controlPrefix, parseFaultPatch, type ProviderFaults } from './faults.js';
import type { SandboxProvider, SandboxUrls } from './types.js';

export interface ControlTarget {
  provider: SandboxProvider;
  faults: ProviderFaults;
  clock: SandboxClock;
  reset(): void;
  /** Applies a validated fault patch; an outage change to or from 'refuse' closes or reopens the port. */
  applyFaults(patch: Partial<ProviderFaults>): Promise<void>;
}

/**
 * The sandbox control API, mounted on every stand-in under `/__sandbox` (see docs/sandbox.md).
 * A 'refuse' outage closes the port, so to lift it call the control API of another stand-in
 * with `provider` set, or use the in-process handle.
 */
export async function registerControlRoutes(
  app: FastifyInstance,
  targets: Record<SandboxProvider, ControlTarget>,
  self: SandboxProvider,
  urls: SandboxUrls,
) {
  const bodyOf = (body: unknown): Record<string, unknown> => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {});
  const pick = (body: Record<string, unknown>): ControlTarget => {
    const name = String(body.provider ?? self) as SandboxProvider;
    const target = Object.hasOwn(targets, name) ? targets[name] : undefined;
    if (!target) throw Object.assign(new Error(`unknown provider ${name}`), { statusCode: 400 });
    return target;
  };

  await app.register(async (scope) => {
    // Control calls are often bodiless POSTs with a JSON content type (curl -H …): accept that.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      const text = String(body).trim();
      try {
        done(null, text === '' ? undefined : JSON.parse(text));
      } catch {
        done(Object.assign(new Error('the body is not valid JSON'), { statusCode: 400 }), undefined);
      }
    });

    scope.get(`${controlPrefix}/urls`, async () => urls);

    scope.get(`${controlPrefix}/state`, async () => {
      const out: Record<string, unknown> = { nowMs: targets[self].clock.nowMs(), urls };
      for (const [name, target] of Object.entries(targets)) out[name] = { ...target.faults };
      return out;
    });

    scope.post(`${controlPrefix}/faults`, async (req) => {
      const body = bodyOf(req.body);
      const target = pick(body);
      await target.applyFaults(parseFaultPatch(body));
      return { provider: target.provider, faults: target.faults };
    });

    scope.post(`${controlPrefix}/clock/advance`, async (req) => {
      const body = bodyOf(req.body);
      const s = body.ms !== undefined ? Number(body.ms) / 1000 : Number(body.seconds);
      if (!Number.isFinite(s) || s < 0) throw Object.assign(new Error('seconds (or ms) must be a non-negative number'), { statusCode: 400 });
      return { nowMs: targets[self].clock.advance(s * 1000) };
    });

    scope.get(`${controlPrefix}/clock`, async () => {
      const nowMs = targets[self].clock.nowMs();
      return { nowMs, now: new Date(nowMs).toISOString(), offsetMs: nowMs - Date.now() };
    });

    scope.post(`${controlPrefix}/reset`, async (req) => {
      const body = bodyOf(req.body);
      if (body.provider === 'all') {
        for (const target of Object.values(targets)) target.reset();
        return { provider: 'all', reset: true };
      }
      const target = pick(body);
      target.reset();
      return { provider: target.provider, reset: true };
    });
  });
}
