import { once } from 'node:events';
import pino from 'pino';
import type { ProviderFaults } from './faults.js';
import { FaultPatchError, parseFaultPatch } from './faults.js';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from './start-sandbox.js';
import { sandboxProviders, type SandboxProvider } from './types.js';

export const sandboxUsage = `Usage: onepagepay sandbox [flags]

Starts the Stripe, HubSpot and PayPal stand-ins and prints one line of JSON with their base URLs:
  {"stripe":"http://127.0.0.1:…","hubspot":"http://127.0.0.1:…","paypal":"http://127.0.0.1:…"}
Runs until SIGINT or SIGTERM. Logs go to stderr. See docs/sandbox.md.

Flags (PROVIDER is stripe, hubspot, paypal or all; fault flags can be repeated):
  --host HOST                  address to bind (default 127.0.0.1)
  --stripe-port N              fixed port for the Stripe stand-in (default: a free port)
  --hubspot-port N             fixed port for the HubSpot stand-in
  --paypal-port N              fixed port for the PayPal stand-in
  --outage PROVIDER=503|refuse answer 503 to everything, or refuse connections
  --latency PROVIDER=MS        add MS milliseconds to every request
  --burst429 PROVIDER=N        the next N requests answer 429
  --error-rate PROVIDER=F      fraction F (0..1) of requests answer 500
  --pause-webhooks PROVIDER    hold webhook deliveries (resume with the control API)
  --hubspot-rate-limit N       HubSpot requests per 10 s per portal (default 100)
  --log-level LEVEL            fatal|error|warn|info|debug (default warn)
  -h, --help                   show this help
`;

export class SandboxUsageError extends Error {}

export interface SandboxCommandOptions {
  host: string;
  ports: Partial<Record<SandboxProvider, number>>;
  faults: Partial<Record<SandboxProvider, Partial<ProviderFaults>>>;
  hubspotRateLimit?: number;
  logLevel: string;
  help: boolean;
}

const portFlags: Record<string, SandboxProvider> = { '--stripe-port': 'stripe', '--hubspot-port': 'hubspot', '--paypal-port': 'paypal' };
const faultFlags: Record<string, keyof ProviderFaults> = { '--outage': 'outage', '--latency': 'latencyMs', '--burst429': 'burst429', '--error-rate': 'errorRate' };
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function providersOf(name: string, flag: string): SandboxProvider[] {
  if (name === 'all') return [...sandboxProviders];
  if ((sandboxProviders as readonly string[]).includes(name)) return [name as SandboxProvider];
  throw new SandboxUsageError(`${flag}: unknown provider "${name}" (use stripe, hubspot, paypal or all)`);
}

function positiveInt(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new SandboxUsageError(`${flag} needs a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

/** Parses the flags of `onepagepay sandbox`; throws SandboxUsageError with a message for the user. */
export function parseSandboxArgs(argv: string[]): SandboxCommandOptions {
  const out: SandboxCommandOptions = { host: '127.0.0.1', ports: {}, faults: {}, logLevel: 'warn', help: false };
  const addFault = (provider: SandboxProvider, patch: Record<string, unknown>, flag: string) => {
    try {
      out.faults[provider] = { ...out.faults[provider], ...parseFaultPatch(patch) };
    } catch (err) {
      if (err instanceof FaultPatchError) throw new SandboxUsageError(`${flag}: ${err.message}`);
      throw err;
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      out.help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new SandboxUsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    // `--latency=stripe=200` and `--latency stripe=200` both work.
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new SandboxUsageError(`${flag} needs a value`);
      i += 1;
      return next;
    };

    if (flag === '--host') out.host = takeValue();
    else if (flag in portFlags) out.ports[portFlags[flag]] = positiveInt(takeValue(), flag, 0, 65_535);
    else if (flag in faultFlags) {
      const value = takeValue();
      const sep = value.indexOf('=');
      if (sep <= 0) throw new SandboxUsageError(`${flag} needs PROVIDER=VALUE, e.g. ${flag} stripe=${flag === '--outage' ? '503' : '1'}`);
      for (const p of providersOf(value.slice(0, sep), flag)) addFault(p, { [faultFlags[flag]]: value.slice(sep + 1) }, flag);
    } else if (flag === '--pause-webhooks') {
      for (const p of providersOf(takeValue(), flag)) addFault(p, { webhooksPaused: true }, flag);
    } else if (flag === '--hubspot-rate-limit') out.hubspotRateLimit = positiveInt(takeValue(), flag, 1, 1_000_000);
    else if (flag === '--log-level') {
      const level = takeValue();
      if (!logLevels.includes(level)) throw new SandboxUsageError(`--log-level must be one of ${logLevels.join(', ')}`);
      out.logLevel = level;
    } else throw new SandboxUsageError(`unknown flag "${flag}"`);
  }
  return out;
}

/** Applies `--hubspot-rate-limit` as the HubSpot stand-in's default for every portal (its sandbox API). */
async function applyHubSpotRateLimit(sandbox: RunningSandbox, max: number) {
  const res = await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/rate-limit`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ max }),
  });
  if (!res.ok) throw new Error(`the HubSpot stand-in answered ${res.status}`);
}

/**
 * `onepagepay sandbox`: starts the three stand-ins alone, prints their base URLs as one line of
 * JSON on stdout (nothing else goes to stdout), and runs until SIGINT/SIGTERM. Bad flags print a
 * message on stderr and set exit code 2.
 */
export async function runSandboxCommand(argv: string[]): Promise<void> {
  let options: SandboxCommandOptions;
  try {
    options = parseSandboxArgs(argv);
  } catch (err) {
    if (!(err instanceof SandboxUsageError)) throw err;
    process.stderr.write(`onepagepay sandbox: ${err.message}\n\n${sandboxUsage}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(sandboxUsage);
    return;
  }

  // Listen for the signals before printing the URLs: a caller may signal as soon as it reads them.
  const stopped = Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  const logger = pino({ level: options.logLevel, base: { service: 'sandbox' } }, pino.destination(2));
  const start: StartSandboxOptions = { host: options.host, ports: options.ports, faults: options.faults, logger };
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox(start);
  } catch (err) {
    process.stderr.write(`onepagepay sandbox: could not start: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  if (options.hubspotRateLimit !== undefined) {
    await applyHubSpotRateLimit(sandbox, options.hubspotRateLimit).catch((err: Error) =>
      logger.error({ err }, '--hubspot-rate-limit could not be applied (is the HubSpot stand-in refusing connections?)'),
    );
  }

  process.stdout.write(`${JSON.stringify({ stripe: sandbox.urls.stripe, hubspot: sandbox.urls.hubspot, paypal: sandbox.urls.paypal })}\n`);
  logger.info({ urls: sandbox.urls, faults: options.faults }, 'sandbox listening');

  const signal = await stopped;
  logger.info({ signal }, 'sandbox stopping');
  await sandbox.close();
}
