import type { Config } from '../config.js';
import { openRuntime } from '../bootstrap.js';
import { createAccount } from '../accounts/create-account.js';

export interface CreateAccountArgs {
  email: string;
  password: string;
  name?: string;
  sandbox: boolean;
  json: boolean;
}

/** `onepagepay create-account`: bootstraps an owner for self-hosters (with --json, one JSON object on stdout). */
export async function createAccountCommand(config: Config, args: CreateAccountArgs) {
  if (args.sandbox) throw new Error('--sandbox needs the checkout module, which is not built yet');
  const runtime = await openRuntime(config);
  try {
    const created = await createAccount(runtime.database, { email: args.email, password: args.password, name: args.name });
    const out = { accountId: created.accountId, userId: created.userId, email: created.email };
    process.stdout.write(args.json ? `${JSON.stringify(out)}\n` : `Created account ${out.accountId} for ${out.email}. Sign in at ${config.publicUrl}\n`);
  } finally {
    await runtime.close();
  }
}
