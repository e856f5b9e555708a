import type { Config } from '../config.js';
import { openRuntime } from '../bootstrap.js';
import { createAccount } from '../accounts/create-account.js';
import { createSandboxAccount } from '../demo/create-sandbox-account.js';

export interface CreateAccountArgs {
  email: string;
  password: string;
  name?: string;
  sandbox: boolean;
  json: boolean;
}

/**
 * `onepagepay create-account`: bootstraps an owner for self-hosters (with --json, one JSON object on
 * stdout). With --sandbox, through the running sandbox server, with the demo shop set up.
 */
export async function createAccountCommand(config: Config, args: CreateAccountArgs) {
  if (args.sandbox) {
    const out = await createSandboxAccount(config.publicUrl, args);
    process.stdout.write(
      args.json ? `${JSON.stringify(out)}\n` : `Created sandbox account ${out.accountId} for ${out.email} with a demo form (${out.formId}).\nSign in at ${config.publicUrl}; try the demo page: ${out.demoUrl}\n`,
    );
    return;
  }
  const runtime = await openRuntime(config);
  try {
    const created = await createAccount(runtime.database, { email: args.email, password: args.password, name: args.name });
    const out = { accountId: created.accountId, userId: created.userId, email: created.email };
    process.stdout.write(args.json ? `${JSON.stringify(out)}\n` : `Created account ${out.accountId} for ${out.email}. Sign in at ${config.publicUrl}\n`);
  } finally {
    await runtime.close();
  }
}
