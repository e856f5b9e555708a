import { and, eq } from 'drizzle-orm';
import { memberships, merchantNotifications, users, type MerchantNotificationKind } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import type { Mailer, OutgoingMail } from '../platform/mail/mailer.js';

const choice = { daily_summary: memberships.notifyDailySummary, sync_failures: memberships.notifySyncFailures } as const;

/** The emails of the account's members who chose to get `kind`. */
export async function recipientsOf(ctx: Pick<AppContext, 'database'>, accountId: string, kind: MerchantNotificationKind): Promise<string[]> {
  const rows = await withTenant(ctx.database, accountId, (tx) =>
    tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.accountId, accountId), eq(choice[kind], true))),
  );
  return rows.map((r) => r.email);
}

/**
 * Sends `message` to each recipient at most once for (account, kind, ref): the row is claimed
 * before the send, so instances running the job at the same time, or a run repeated, send nothing
 * twice. A send that fails is marked failed and not tried again: the next summary or alert comes.
 * Returns how many were sent.
 */
export async function sendOnce(
  ctx: Pick<AppContext, 'database'>,
  mailer: Mailer,
  input: { accountId: string; kind: MerchantNotificationKind; ref: string; recipients: string[]; message: Omit<OutgoingMail, 'to'> },
): Promise<number> {
  const { accountId, kind, ref } = input;
  let sent = 0;
  for (const recipient of input.recipients) {
    const [claimed] = await withTenant(ctx.database, accountId, (tx) =>
      tx.insert(merchantNotifications).values({ accountId, kind, ref, recipient }).onConflictDoNothing().returning({ id: merchantNotifications.id }),
    );
    if (!claimed) continue;
    const outcome = await mailer.send({ to: recipient, ...input.message }).then(
      () => ({ status: 'sent' as const, sentAt: new Date() }),
      (err: unknown) => ({ status: 'failed' as const, lastError: err instanceof Error ? err.message : String(err) }),
    );
    await withTenant(ctx.database, accountId, (tx) => tx.update(merchantNotifications).set(outcome).where(and(eq(merchantNotifications.accountId, accountId), eq(merchantNotifications.id, claimed.id))));
    if (outcome.status === 'sent') sent++;
  }
  return sent;
}
