import crypto from 'node:crypto';
import type { Database } from '../platform/db/connect.js';
import { enterTenant } from '../platform/db/tenant.js';
import { accounts, memberships, users } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import { audit } from './audit.js';
import { checkPasswordRules, hashPassword } from './passwords.js';

/** 128 bits from the CSPRNG, as 32 lowercase hex characters: the only public id of a merchant. */
export const newAccountId = () => crypto.randomBytes(16).toString('hex');

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export interface CreatedAccount {
  accountId: string;
  userId: string;
  email: string;
}

/** Creates an account and its owner (sign-up and `onepagepay create-account`). */
export async function createAccount(
  database: Database,
  input: { email: string; password: string; name?: string; accountName?: string; ip?: string },
): Promise<CreatedAccount> {
  const email = normalizeEmail(input.email);
  checkPasswordRules(input.password);
  const passwordHash = await hashPassword(input.password);
  const accountId = newAccountId();
  const userId = crypto.randomUUID();
  try {
    await database.db.transaction(async (tx) => {
      await tx.insert(users).values({ id: userId, email, name: input.name ?? '', passwordHash });
      await tx.insert(accounts).values({ id: accountId, name: input.accountName || input.name || email });
      await enterTenant(tx, accountId);
      await tx.insert(memberships).values({ accountId, userId, role: 'owner' });
      await audit(tx, { accountId, userId, action: 'account.created', target: email, ip: input.ip });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'An account with this email already exists. Sign in instead.');
    throw err;
  }
  return { accountId, userId, email };
}

export function isUniqueViolation(err: unknown): boolean {
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++, e = e.cause as typeof e) if (e.code === '23505') return true;
  return false;
}

