import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import qs from 'qs';
import { SandboxClock } from './clock.js';
import { defaultFaults, faultHook, type FaultBodies, type ProviderFaults } from './faults.js';
import { registerControlRoutes, type ControlTarget } from './control-routes.js';
import { sandboxProviders, type SandboxProvider, type SandboxUrls, type StandIn, type StandInHandle } from './types.js';
import { stripeStandIn, stripeFaultBodies } from './stripe/index.js';
import { hubspotStandIn, hubspotFaultBodies } from './hubspot/index.js';
import { paypalStandIn, paypalFaultBodies } from './paypal/index.js';

const standIns: Record<SandboxProvider, { plugin: StandIn; bodies: FaultBodies }> = {
  stripe: { plugin: stripeStandIn, bodies: stripeFaultBodies },
  hubspot: { plugin: hubspotStandIn, bodies: hubspotFaultBodies },
  paypal: { plugin: paypalStandIn, bodies: paypalFaultBodies },
};

export interface StartSandboxOptions {
  host?: string;
  /** Fixed ports per stand-in; 0 or absent picks a free one. */
  ports?: Partial<Record<SandboxProvider, number>>;
  clock?: SandboxClock;
  logger?: FastifyBaseLogger | boolean;
}

export interface RunningSandbox {
  urls: SandboxUrls;
  clock: SandboxClock;
  faults: Record<SandboxProvider, ProviderFaults>;
  /** Sets faults in-process (same effect as the control API). */
  setFaults(provider: SandboxProvider, faults: Partial<ProviderFaults>): Promise<void>;
  reset(provider?: SandboxProvider): void;
  apps: Record<SandboxProvider, FastifyInstance>;
  close(): Promise<void>;
}

/** Starts the Stripe, HubSpot and PayPal stand-ins, each on its own loopback port. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? new SandboxClock();
  const urls = {} as SandboxUrls;
  const faults = {} as Record<SandboxProvider, ProviderFaults>;
  const apps = {} as Record<SandboxProvider, FastifyInstance>;
  const handles = {} as Record<SandboxProvider, StandInHandle | void>;
  const targets = {} as Record<SandboxProvider, ControlTarget>;
  const ports = {} as Record<SandboxProvider, number>;

  for (const provider of sandboxProviders) {
    faults[provider] = defaultFaults();
    const app = Fastify({ logger: options.logger ?? false, bodyLimit: 5 * 1024 * 1024 });
    // Stripe nests form fields with brackets (metadata[k]=v, items[0][price]=…): parse them as qs does.
    await app.register(formbody, { parser: (body) => qs.parse(body, { depth: 10, arrayLimit: 1000, parameterLimit: 10_000 }) });
    app.addHook('onRequest', faultHook(faults[provider], standIns[provider].bodies));
    apps[provider] = app;
    targets[provider] = {
      provider,
      faults: faults[provider],
      clock,
      reset: () => handles[provider]?.reset?.(),
      applyOutage: async (outage) => {
        const wasRefusing = faults[provider].outage === 'refuse';
        faults[provider].outage = outage;
        if (outage === 'refuse' && !wasRefusing) {
          await new Promise<void>((resolve) => {
            app.server.close(() => resolve());
            app.server.closeAllConnections();
          });
        } else if (outage !== 'refuse' && wasRefusing) {
          await new Promise<void>((resolve, reject) => {
            app.server.once('error', reject);
            app.server.listen(ports[provider], host, () => resolve());
          });
        }
      },
    };
  }

  for (const provider of sandboxProviders) {
    const app = apps[provider];
    await registerControlRoutes(app, targets, provider);
    const ctx = { clock, faults: faults[provider], urls, log: app.log };
    await app.register(async (scope) => {
      handles[provider] = await standIns[provider].plugin(scope, ctx);
    });
  }

  for (const provider of sandboxProviders) {
    const app = apps[provider];
    await app.listen({ host, port: options.ports?.[provider] ?? 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error(`sandbox ${provider} did not bind a TCP port`);
    ports[provider] = address.port;
    urls[provider] = `http://${host}:${address.port}`;
  }

  return {
    urls,
    clock,
    faults,
    apps,
    async setFaults(provider, next) {
      const f = faults[provider];
      if (next.latencyMs !== undefined) f.latencyMs = next.latencyMs;
      if (next.burst429 !== undefined) f.burst429 = next.burst429;
      if (next.errorRate !== undefined) f.errorRate = next.errorRate;
      if (next.webhooksPaused !== undefined) f.webhooksPaused = next.webhooksPaused;
      if (next.outage !== undefined) await targets[provider].applyOutage(next.outage);
    },
    reset(provider) {
      for (const p of provider ? [provider] : sandboxProviders) targets[p].reset();
    },
    async close() {
      for (const provider of sandboxProviders) {
        await handles[provider]?.close?.();
        if (faults[provider].outage === 'refuse') continue;
        await apps[provider].close();
      }
    },
  };
}
