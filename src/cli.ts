#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';

const usage = `Usage: onepagepay <command> [options]

Commands:
  serve                      start the server (and, in sandbox mode, the provider stand-ins)
  worker                     run the HubSpot sync and provider checks without the server (needs DATABASE_URL)
  migrate                    apply pending database migrations
  create-account --email E --password P [--name N] [--sandbox] [--json]
                             create an account and its owner
  rotate-key                 re-encrypt stored secrets with the first key of ENCRYPTION_KEY
  sandbox [flags]            start the Stripe, HubSpot and PayPal stand-ins alone (see docs/sandbox.md)
`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { serve } = await import('./commands/serve.js');
      return serve(loadConfig());
    }
    case 'worker': {
      const { worker } = await import('./commands/worker.js');
      return worker(loadConfig());
    }
    case 'migrate': {
      const { migrateCommand } = await import('./commands/migrate.js');
      return migrateCommand(loadConfig());
    }
    case 'create-account': {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          password: { type: 'string' },
          name: { type: 'string' },
          sandbox: { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
        },
      });
      if (!values.email || !values.password) throw new UsageError('create-account needs --email and --password');
      const { createAccountCommand } = await import('./commands/create-account.js');
      return createAccountCommand(loadConfig(), { email: values.email, password: values.password, name: values.name, sandbox: values.sandbox, json: values.json });
    }
    case 'rotate-key': {
      const { rotateKeyCommand } = await import('./commands/rotate-key.js');
      return rotateKeyCommand(loadConfig());
    }
    case 'sandbox': {
      const { runSandboxCommand } = await import('./sandbox/sandbox-command.js');
      return runSandboxCommand(rest);
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(usage);
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`onepagepay: ${(err as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  process.stderr.write(`onepagepay: ${(err as Error).message}\n`);
  process.exit(1);
});
