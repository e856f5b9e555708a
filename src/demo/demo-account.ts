import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createAccount } from '../accounts/create-account.js';
import { ensurePrivateDir } from '../platform/private-dir.js';
import type { AppContext } from '../platform/http/types.js';
import { refreshDemoShop, setUpDemoShop, type DemoShop } from './set-up-demo-shop.js';

export const demoEmail = 'demo@onepagepay.local';

export interface DemoAccount {
  email: string;
  /** Known when this start created the account, or from the file it was saved to then; null otherwise. */
  password: string | null;
  shop: DemoShop;
}

const credentialsFile = (ctx: AppContext) => path.join(ctx.config.dataDir, 'demo-account.json');

function readSavedPassword(ctx: AppContext): string | null {
  try {
    return (JSON.parse(fs.readFileSync(credentialsFile(ctx), 'utf8')) as { password: string }).password;
  } catch {
    return null;
  }
}

/**
 * `npm start` in sandbox mode: on an empty database, creates the demo account (random password,
 * kept in DATA_DIR/demo-account.json, readable by the owner only) with the demo shop; on later
 * starts, reconnects the demo shop to the fresh stand-ins. Nothing happens outside sandbox mode
 * or when the database holds other accounts but no demo account.
 */
export async function ensureDemoAccount(ctx: AppContext): Promise<DemoAccount | null> {
  if (!ctx.sandboxUrls) return null;
  const { rows } = await ctx.database.query<{ accounts: number; demo_account: string | null }>(
    `SELECT (SELECT count(*)::int FROM accounts) AS accounts,
            (SELECT m.account_id FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = $1 ORDER BY m.created_at LIMIT 1) AS demo_account`,
    [demoEmail],
  );
  const { accounts, demo_account: existing } = rows[0]!;
  if (existing) {
    const shop = await refreshDemoShop(ctx, existing);
    return shop ? { email: demoEmail, password: readSavedPassword(ctx), shop } : null;
  }
  if (accounts > 0) return null;
  const password = crypto.randomBytes(12).toString('base64url');
  const created = await createAccount(ctx.database, { email: demoEmail, password, name: 'Demo merchant', accountName: 'Demo shop' });
  try {
    ensurePrivateDir(ctx.config.dataDir);
    fs.writeFileSync(credentialsFile(ctx), JSON.stringify({ email: demoEmail, password }), { mode: 0o600 });
  } catch {
    // Printed below anyway; only later starts cannot show it again.
  }
  const shop = await setUpDemoShop(ctx, { accountId: created.accountId, userId: created.userId });
  return { email: demoEmail, password, shop };
}
