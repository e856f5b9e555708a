/** Runs `onepagepay sandbox` without the rest of the CLI: `npx tsx src/sandbox/sandbox-command-main.ts [flags]`. */
import { runSandboxCommand } from './sandbox-command.js';

runSandboxCommand(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`onepagepay sandbox: ${(err as Error).message}\n`);
  process.exit(1);
});
