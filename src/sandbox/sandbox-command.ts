import { once } from 'node:events';
import { Command, InvalidArgumentError, Option } from 'commander';
import pino from 'pino';
import type { ProviderFaults } from './faults.js';
import { FaultPatchError, parseFaultPatch } from './faults.js';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from './start-sandbox.js';
import { sandboxProviders, type SandboxProvider } from './types.js';

const description = `Starts the Stripe, HubSpot and PayPal stand-ins and prints one line of JSON with their base URLs:
  {"stripe":"http://127.0.0.1:…","hubspot":"http://127.0.0.1:…","paypal":"http://127.0.0.1:…"}
Runs until SIGINT or SIGTERM. Logs go to stderr. See docs/sandbox.md.
PROVIDER is stripe, hubspot, paypal or all; fault options can be repeated.`;

export interface SandboxCommandOptions {
  host: string;
  ports: Partial<Record<SandboxProvider, number>>;
  faults: Partial<Record<SandboxProvider, Partial<ProviderFaults>>>;
  hubspotRateLimit?: number;
  logLevel: string;
}

interface FaultSetting {
  provider: SandboxProvider;
  patch: Partial<ProviderFaults>;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function providersOf(name: string): SandboxProvider[] {
  if (name === 'all') return [...sandboxProviders];
  if ((sandboxProviders as readonly string[]).includes(name)) return [name as SandboxProvider];
  throw new InvalidArgumentError(`unknown provider "${name}" (use stripe, hubspot, paypal or all)`);
}

function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`needs a whole number from ${min} to ${max}`);
    return n;
  };
}

function faultPatch(patch: Record<string, unknown>): Partial<ProviderFaults> {
  try {
    return parseFaultPatch(patch);
  } catch (err) {
    if (err instanceof FaultPatchError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

/** A repeatable `--flag PROVIDER=VALUE` option setting one fault field. */
function faultOption(flag: string, valueName: string, field: keyof ProviderFaults, example: string, help: string) {
  return new Option(`--${flag} <PROVIDER=${valueName}>`, help).argParser((value: string, previous: FaultSetting[] = []) => {
    const sep = value.indexOf('=');
    if (sep <= 0) throw new InvalidArgumentError(`needs PROVIDER=${valueName}, e.g. --${flag} stripe=${example}`);
    const patch = faultPatch({ [field]: value.slice(sep + 1) });
    return [...previous, ...providersOf(value.slice(0, sep)).map((provider) => ({ provider, patch }))];
  });
}

interface ParsedFlags {
  host: string;
  stripePort?: number;
  hubspotPort?: number;
  paypalPort?: number;
  outage?: FaultSetting[];
  latency?: FaultSetting[];
  burst429?: FaultSetting[];
  errorRate?: FaultSetting[];
  pauseWebhooks?: FaultSetting[];
  hubspotRateLimit?: number;
  logLevel: string;
}

function toOptions(flags: ParsedFlags): SandboxCommandOptions {
  const out: SandboxCommandOptions = { host: flags.host, ports: {}, faults: {}, logLevel: flags.logLevel };
  if (flags.stripePort !== undefined) out.ports.stripe = flags.stripePort;
  if (flags.hubspotPort !== undefined) out.ports.hubspot = flags.hubspotPort;
  if (flags.paypalPort !== undefined) out.ports.paypal = flags.paypalPort;
  const settings = [flags.outage, flags.latency, flags.burst429, flags.errorRate, flags.pauseWebhooks].flatMap((list) => list ?? []);
  for (const { provider, patch } of settings) out.faults[provider] = { ...out.faults[provider], ...patch };
  if (flags.hubspotRateLimit !== undefined) out.hubspotRateLimit = flags.hubspotRateLimit;
  return out;
}

/** `onepagepay sandbox`: its options, parsed by commander; `run` receives them checked. */
export function sandboxCommand(run: (options: SandboxCommandOptions) => Promise<void> = runSandbox): Command {
  return new Command('sandbox')
    .description(description)
    .option('--host <HOST>', 'address to bind', '127.0.0.1')
    .option('--stripe-port <N>', 'fixed port for the Stripe stand-in (default: a free port)', wholeNumber(0, 65_535))
    .option('--hubspot-port <N>', 'fixed port for the HubSpot stand-in', wholeNumber(0, 65_535))
    .option('--paypal-port <N>', 'fixed port for the PayPal stand-in', wholeNumber(0, 65_535))
    .addOption(faultOption('outage', '503|refuse', 'outage', '503', 'answer 503 to everything, or refuse connections'))
    .addOption(faultOption('latency', 'MS', 'latencyMs', '200', 'add MS milliseconds to every request'))
    .addOption(faultOption('burst429', 'N', 'burst429', '3', 'the next N requests answer 429'))
    .addOption(faultOption('error-rate', 'F', 'errorRate', '0.1', 'fraction F (0..1) of requests answer 500'))
    .addOption(
      new Option('--pause-webhooks <PROVIDER>', 'hold webhook deliveries (resume with the control API)').argParser((value: string, previous: FaultSetting[] = []) => [
        ...previous,
        ...providersOf(value).map((provider) => ({ provider, patch: { webhooksPaused: true } })),
      ]),
    )
    .option('--hubspot-rate-limit <N>', 'HubSpot requests per 10 s per portal (default 100)', wholeNumber(1, 1_000_000))
    .addOption(new Option('--log-level <LEVEL>', 'log level').choices(logLevels).default('warn'))
    .action(async (flags: ParsedFlags) => run(toOptions(flags)));
}

/** Parses the flags of `onepagepay sandbox` without running it; throws commander's error for bad flags. */
export function parseSandboxArgs(argv: string[]): SandboxCommandOptions {
  let parsed: SandboxCommandOptions | undefined;
  const command = sandboxCommand(async (options) => {
    parsed = options;
  })
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  command.parse(argv, { from: 'user' });
  return parsed!;
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
 * Starts the three stand-ins (and the mail catcher) alone, prints their base URLs as one line of JSON on stdout (nothing
 * else goes to stdout), and runs until SIGINT/SIGTERM.
 */
async function runSandbox(options: SandboxCommandOptions): Promise<void> {
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

  // `mail` is the inbox, `smtp` its SMTP server (give it to `serve` as SMTP_URL to catch its mail there).
  process.stdout.write(`${JSON.stringify({ stripe: sandbox.urls.stripe, hubspot: sandbox.urls.hubspot, paypal: sandbox.urls.paypal, mail: sandbox.mail.url, smtp: sandbox.mail.smtpUrl })}\n`);
  logger.info({ urls: sandbox.urls, faults: options.faults }, 'sandbox listening');

  const signal = await stopped;
  logger.info({ signal }, 'sandbox stopping');
  await sandbox.close();
}
