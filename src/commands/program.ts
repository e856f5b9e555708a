import { Command, CommanderError } from 'commander';
import { passwordRules } from '../accounts/password-rules.js';
import { ConfigError, loadConfig } from '../config.js';
import { sandboxCommand } from '../sandbox/sandbox-command.js';

const environment = `
Configuration comes from environment variables (PORT, PUBLIC_URL, DATABASE_URL, DATA_DIR,
ENCRYPTION_KEY, SANDBOX, …); see the README. Exit codes: 0 done, 1 failed, 2 bad usage,
78 bad configuration.`;

/** The `onepagepay` command line: each command's options, help and action. */
export function buildProgram(): Command {
  const program = new Command('onepagepay')
    .description('Self-hostable payments layer for HubSpot: Stripe and PayPal checkout on a HubSpot form, synced into HubSpot.')
    .usage('<command> [options]')
    .addHelpText('after', environment);

  program
    .command('serve')
    .description('start the server (and, in sandbox mode, the provider stand-ins)')
    .action(async () => {
      const { serve } = await import('./serve.js');
      await serve(loadConfig());
    });

  program
    .command('worker')
    .description('run the HubSpot sync and provider checks without the server (needs DATABASE_URL)')
    .action(async () => {
      const { worker } = await import('./worker.js');
      await worker(loadConfig());
    });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const { migrateCommand } = await import('./migrate.js');
      await migrateCommand(loadConfig());
    });

  program
    .command('create-account')
    .description('create an account and its owner')
    .requiredOption('--email <email>', "the owner's email")
    .requiredOption('--password <password>', `the owner's password (at least ${passwordRules.minLength} characters)`)
    .option('--name <name>', "the owner's name")
    .option('--sandbox', 'through the running sandbox server, with a demo form wired to the stand-ins', false)
    .option('--json', 'print one JSON object instead of a sentence', false)
    .action(async (options: { email: string; password: string; name?: string; sandbox: boolean; json: boolean }) => {
      const { createAccountCommand } = await import('./create-account.js');
      await createAccountCommand(loadConfig(), options);
    });

  program
    .command('backup')
    .description('write one encrypted backup of the database to BACKUP_DIR, then delete those older than BACKUP_RETENTION_DAYS')
    .option('--json', 'print one JSON object (file, size, keyId, pruned) instead of a sentence', false)
    .action(async (options: { json: boolean }) => {
      const { backupCommand } = await import('./backup.js');
      await backupCommand(loadConfig(), options);
    });

  program
    .command('restore')
    .description('restore a backup into an empty database (DATABASE_URL) or an empty DATA_DIR, then migrate')
    .argument('<file>', 'a backup file written by `onepagepay backup`')
    .option('--force', 'replace what the database holds (embedded: the old one is moved aside, not deleted)', false)
    .action(async (file: string, options: { force: boolean }) => {
      const { restoreCommand } = await import('./backup.js');
      await restoreCommand(loadConfig(), file, options);
    });

  program
    .command('assets')
    .description('copy the hashed widget and dashboard files into DIR/widget and DIR/assets, for a CDN (PUBLIC_ASSET_URL)')
    .argument('<dir>', 'the folder to copy them into')
    .action(async (dir: string) => {
      const { assetsCommand } = await import('./assets.js');
      assetsCommand(dir);
    });

  program
    .command('rotate-key')
    .description('re-encrypt stored secrets with the first key of ENCRYPTION_KEY (or a new key in DATA_DIR)')
    .action(async () => {
      const { rotateKeyCommand } = await import('./rotate-key.js');
      await rotateKeyCommand(loadConfig());
    });

  program.addCommand(sandboxCommand());
  // Errors come back to runProgram (which picks the exit code) and print the usage that was missed.
  const everyCommand = (command: Command): Command[] => [command, ...command.commands.flatMap(everyCommand)];
  for (const command of everyCommand(program)) command.exitOverride().showHelpAfterError();
  return program;
}

/**
 * Runs a commander program and exits with the CLI's codes: 0 for help, 2 for bad usage (commander
 * has printed the message and the usage), 78 for bad configuration, 1 for anything else.
 */
export async function runProgram(program: Command, argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv.length === 0 ? ['--help'] : argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`onepagepay: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
