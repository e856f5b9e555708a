import { eq } from 'drizzle-orm';
import type { Database } from '../platform/db/connect.js';
import type { AppContext } from '../platform/http/types.js';
import { emailDeliveryOf } from '../platform/mail/mailer.js';
import { accounts, memberships, users, type Mode } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import type { Me } from './schemas.js';

/** The signed-in user, their current account and role, every account they belong to, how this server sends email, and the emails they chose to get. */
export async function loadMe(ctx: Pick<AppContext, 'database' | 'config' | 'sandboxUrls'>, userId: string, accountId: string, mode: Mode): Promise<Me> {
  const { database } = ctx;
  const [user] = await database.db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
  const all = await database.db
    .select({ id: accounts.id, name: accounts.name, role: memberships.role, dailySummary: memberships.notifyDailySummary, syncFailures: memberships.notifySyncFailures })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.createdAt);
  const current = all.find((a) => a.id === accountId);
  if (!user || !current) throw new AppError('unauthenticated', 'Sign in to continue.');
  const delivery = emailDeliveryOf(ctx);
  const email = { delivery, inboxUrl: delivery === 'sandbox_inbox' ? (ctx.sandboxUrls?.mail ?? null) : null };
  return {
    user,
    account: { id: current.id, name: current.name },
    role: current.role,
    mode,
    accounts: all.map(({ id, name, role }) => ({ id, name, role })),
    email,
    notifications: { dailySummary: current.dailySummary, syncFailures: current.syncFailures },
  };
}

/** The account a user lands in after sign-in: the first they joined. */
export async function defaultAccountOf(database: Database, userId: string): Promise<string | null> {
  const [first] = await database.db
    .select({ accountId: memberships.accountId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.createdAt)
    .limit(1);
  return first?.accountId ?? null;
}
