import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import qs from 'qs';
import { SandboxClock } from './clock.js';
import { defaultFaults, faultHook, parseFaultPatch, type FaultBodies, type ProviderFaults } from './faults.js';
import { registerControlRoutes, type ControlTarget } from './control-routes.js';
import { sandboxProviders, type SandboxProvider, type SandboxUrls, type StandIn, type StandInHandle } from './types.js';
import { stripeStandIn, stripeFaultBodies } from './stripe/index.js';
import { hubspotStandIn, hubspotFaultBodies } from './hubspot/index.js';
import { paypalStandIn, paypalFaultBodies } from './paypal/index.js';
import { encodeState, readStateFile, writeStateFile } from './state-file.js';
import { startMailCatcher, type MailCatcher } from './mail/mail-catcher.js';

/** `ownLatency`: the stand-in spends the latency fault itself, while it handles the request (see stripe/index.ts). */
const standIns: Record<SandboxProvider, { plugin: StandIn; bodies: FaultBodies; ownLatency?: boolean }> = {
  stripe: { plugin: stripeStandIn, bodies: stripeFaultBodies, ownLatency: true },
  hubspot: { plugin: hubspotStandIn, bodies: hubspotFaultBodies },
  paypal: { plugin: paypalStandIn, bodies: paypalFaultBodies },
};

export interface StartSandboxOptions {
  host?: string;
  /** Fixed ports per stand-in; 0 or absent picks a free one. */
  ports?: Partial<Record<SandboxProvider, number>>;
  clock?: SandboxClock;
  /** `true`/`false`, pino options (e.g. `{level, stream}`), or a ready logger instance. */
  logger?: FastifyBaseLogger | boolean | { level?: string; stream?: NodeJS.WritableStream };
  /** Faults in force from the start (as `onepagepay sandbox --outage …` sets them). */
  faults?: Partial<Record<SandboxProvider, Partial<ProviderFaults>>>;
  /**
   * Where the stand-ins keep their data between runs (`serve` in sandbox mode: DATA_DIR/sandbox-state.json):
   * read at start, written every `saveEveryMs` when it changed, and at close. Without it they forget on exit.
   */
  stateFile?: string;
  saveEveryMs?: number;
}

export interface RunningSandbox {
  urls: SandboxUrls;
  /** The mail catcher: the inbox (`url`) and its SMTP server (`smtpUrl`). */
  mail: MailCatcher;
  clock: SandboxClock;
  faults: Record<SandboxProvider, ProviderFaults>;
  /** Sets faults in-process (same effect and same validation as the control API). */
  setFaults(provider: SandboxProvider, faults: Partial<ProviderFaults>): Promise<void>;
  reset(provider?: SandboxProvider): void;
  apps: Record<SandboxProvider, FastifyInstance>;
  close(): Promise<void>;
}

/** What the app is told of a running sandbox (`AppContext.sandboxUrls`, `/sandbox.json`): the stand-ins, the inbox and its SMTP server. */
export function sandboxUrlsForApp(sandbox: Pick<RunningSandbox, 'urls' | 'mail'>) {
  return { ...sandbox.urls, mail: sandbox.mail.url, smtp: sandbox.mail.smtpUrl };
}

const isLogger = (l: unknown): l is FastifyBaseLogger => typeof l === 'object' && l !== null && typeof (l as FastifyBaseLogger).child === 'function';

function createApp(logger: StartSandboxOptions['logger']): FastifyInstance {
  const common = { bodyLimit: 5 * 1024 * 1024, forceCloseConnections: true } as const;
  // Fastify 5 takes a ready logger only as `loggerInstance`.
  if (isLogger(logger)) return Fastify({ ...common, loggerInstance: logger }) as unknown as FastifyInstance;
  return Fastify({ ...common, logger: logger ?? false }) as unknown as FastifyInstance;
}

/** The URL clients use for a bound address (a wildcard bind is reached through loopback). */
function urlFor(host: string, port: number): string {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
}

/** Starts the Stripe, HubSpot and PayPal stand-ins, each on its own loopback port, and the mail catcher. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? new SandboxClock();
  const urls = {} as SandboxUrls;
  const faults = {} as Record<SandboxProvider, ProviderFaults>;
  const apps = {} as Record<SandboxProvider, FastifyInstance>;
  const handles = {} as Record<SandboxProvider, StandInHandle | void>;
  const targets = {} as Record<SandboxProvider, ControlTarget>;
  const ports = {} as Record<SandboxProvider, number>;
  let mail: MailCatcher | undefined;

  let saveTimer: NodeJS.Timeout | undefined;
  let saved = '';
  // Only a sandbox that started saves: one that failed to (a state file it could not read) leaves the file alone.
  let started = false;
  /** Writes the stand-ins' data (and how far the sandbox clock was advanced) when it changed since the last write. */
  const saveState = () => {
    if (!options.stateFile || !started) return;
    const state: Record<string, unknown> = { version: 1, clockOffsetMs: clock.advancedMs() };
    for (const provider of sandboxProviders) state[provider] = handles[provider]?.snapshot?.();
    const text = encodeState(state);
    if (text === saved) return;
    writeStateFile(options.stateFile, text);
    saved = text;
  };

  const closeAll = async () => {
    clearInterval(saveTimer);
    try {
      saveState();
    } catch (err) {
      apps.stripe?.log.error({ err }, 'sandbox: the state could not be saved');
    }
    for (const provider of sandboxProviders) {
      await handles[provider]?.close?.();
      // Fastify tolerates closing a server whose port a 'refuse' outage already closed.
      await apps[provider]?.close();
    }
    await mail?.close();
  };

  async function setOutage(provider: SandboxProvider, outage: ProviderFaults['outage']) {
    const app = apps[provider];
    const wasRefusing = faults[provider].outage === 'refuse';
    faults[provider].outage = outage;
    if (outage === 'refuse' && !wasRefusing) {
      // Stop accepting at once and drop idle keep-alive sockets; requests in flight (such as the
      // control call that asked for this) still get their answer, sent with `Connection: close`.
      app.server.close();
      app.server.closeIdleConnections();
    } else if (outage !== 'refuse' && wasRefusing) {
      await new Promise<void>((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        app.server.once('error', onError);
        app.server.listen(ports[provider], host, () => {
          app.server.off('error', onError);
          resolve();
        });
      });
    }
  }

  async function applyFaults(provider: SandboxProvider, patch: Partial<ProviderFaults>) {
    const f = faults[provider];
    if (patch.latencyMs !== undefined) f.latencyMs = patch.latencyMs;
    if (patch.burst429 !== undefined) f.burst429 = patch.burst429;
    if (patch.errorRate !== undefined) f.errorRate = patch.errorRate;
    if (patch.webhooksPaused !== undefined) f.webhooksPaused = patch.webhooksPaused;
    if (patch.outage !== undefined) await setOutage(provider, patch.outage);
  }

  try {
    for (const provider of sandboxProviders) {
      faults[provider] = defaultFaults();
      const app = createApp(options.logger);
      // Stripe nests form fields with brackets (metadata[k]=v, items[0][price]=…): parse them as qs does.
      await app.register(formbody, { parser: (body) => qs.parse(body, { depth: 10, arrayLimit: 1000, parameterLimit: 10_000 }) });
      app.addHook('onRequest', faultHook(faults[provider], standIns[provider].bodies, { latency: !standIns[provider].ownLatency }));
      app.addHook('onSend', async (_req, reply) => {
        if (faults[provider].outage === 'refuse') reply.header('connection', 'close');
      });
      apps[provider] = app;
      targets[provider] = {
        provider,
        faults: faults[provider],
        clock,
        reset: () => handles[provider]?.reset?.(),
        applyFaults: (patch) => applyFaults(provider, patch),
      };
    }

    for (const provider of sandboxProviders) {
      const app = apps[provider];
      await registerControlRoutes(app, targets, provider, urls);
      const ctx = { clock, faults: faults[provider], urls, log: app.log };
      await app.register(async (scope) => {
        handles[provider] = await standIns[provider].plugin(scope, ctx);
      });
    }

    // A saved sandbox comes back as it was: its data, and the time it had been advanced to.
    const restored = options.stateFile ? readStateFile(options.stateFile) : undefined;
    if (restored) {
      for (const provider of sandboxProviders) {
        const data = restored[provider];
        if (data && typeof data === 'object') handles[provider]?.restore?.(data as Record<string, unknown>);
      }
      const offset = Number(restored.clockOffsetMs) - clock.advancedMs();
      if (offset > 0) clock.advance(offset);
    }

    for (const provider of sandboxProviders) {
      const app = apps[provider];
      await app.listen({ host, port: options.ports?.[provider] ?? 0 });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error(`sandbox ${provider} did not bind a TCP port`);
      ports[provider] = address.port;
      urls[provider] = urlFor(host, address.port);
    }

    for (const provider of sandboxProviders) {
      const initial = options.faults?.[provider];
      if (initial) await applyFaults(provider, parseFaultPatch(initial as Record<string, unknown>));
    }
    mail = await startMailCatcher({ host });
    started = true;
    if (options.stateFile) {
      saveTimer = setInterval(() => {
        try {
          saveState();
        } catch (err) {
          apps.stripe.log.error({ err }, 'sandbox: the state could not be saved');
        }
      }, options.saveEveryMs ?? 2000);
      saveTimer.unref();
    }
  } catch (err) {
    await closeAll().catch(() => undefined);
    throw err;
  }

  return {
    urls,
    mail: mail!,
    clock,
    faults,
    apps,
    async setFaults(provider, next) {
      await applyFaults(provider, parseFaultPatch(next as Record<string, unknown>));
    },
    reset(provider) {
      for (const p of provider ? [provider] : sandboxProviders) targets[p].reset();
      if (!provider) mail!.clear();
    },
    close: closeAll,
  };
}
