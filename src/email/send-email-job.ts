import { and, asc, eq } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import { accounts, contacts, emails, paymentForms, refunds, transactionItems, transactions } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import { queues } from '../platform/jobs/queues.js';
import { reportError } from '../platform/logging/error-reporting.js';
import { mailerOf } from '../platform/mail/mailer.js';
import { isEmailJob, type EmailJobData } from './queue-email.js';
import { renderReceipt } from './receipt.js';

type Outcome = { status: 'sent' | 'skipped'; note?: string };

/**
 * Sends one queued email, once: a row no longer `queued` is left alone (a job run again after a
 * crash between the send and this write sends it again — at least once, never lost). Skipped, with
 * the reason, when email is off or the form sends no receipts.
 */
export async function sendEmail(ctx: Pick<AppContext, 'database' | 'config' | 'sandboxUrls'>, job: EmailJobData): Promise<Outcome | null> {
  const prepared = await withTenant(ctx.database, job.accountId, async (tx) => {
    const [email] = await tx.select().from(emails).where(and(eq(emails.accountId, job.accountId), eq(emails.id, job.emailId)));
    if (!email || email.status !== 'queued') return null;
    const [payment] = await tx.select().from(transactions).where(and(eq(transactions.accountId, job.accountId), eq(transactions.id, email.transactionId)));
    if (!payment) return null;
    // One statement at a time: a transaction has one connection.
    const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, job.accountId));
    const [form] = await tx.select({ sendReceipts: paymentForms.sendReceipts }).from(paymentForms).where(and(eq(paymentForms.accountId, job.accountId), eq(paymentForms.id, payment.formId)));
    const [contact] = await tx.select({ email: contacts.email }).from(contacts).where(and(eq(contacts.accountId, job.accountId), eq(contacts.id, payment.contactId)));
    const items = await tx
      .select()
      .from(transactionItems)
      .where(and(eq(transactionItems.accountId, job.accountId), eq(transactionItems.transactionId, payment.id)))
      .orderBy(asc(transactionItems.position));
    const [refund] =
      email.kind === 'refund_receipt' ? await tx.select().from(refunds).where(and(eq(refunds.accountId, job.accountId), eq(refunds.id, email.ref))) : [];
    return { email, payment, merchantName: account?.name ?? 'OnePagePay', sendReceipts: form?.sendReceipts ?? true, to: contact?.email, items, refund };
  });
  if (!prepared) return null;
  const { email, payment } = prepared;

  const mailer = mailerOf(ctx);
  const skip = !mailer ? 'Email is off (no SMTP_URL).' : !prepared.sendReceipts ? 'The form sends no receipts.' : !prepared.to ? 'The buyer has no email.' : null;
  if (skip || !mailer || !prepared.to) {
    await record(ctx, job, { status: 'skipped', lastError: skip });
    return { status: 'skipped', note: skip ?? undefined };
  }
  const message = renderReceipt({
    kind: email.kind,
    language: payment.buyerLanguage,
    merchantName: prepared.merchantName,
    testMode: payment.mode === 'test',
    reference: payment.id,
    currency: payment.currency,
    total: payment.amount,
    items: prepared.items.map((i) => ({ name: i.nickname ? `${i.productName} — ${i.nickname}` : i.productName, quantity: i.quantity, amount: i.amount })),
    method: { type: payment.methodType, brand: payment.methodBrand, last4: payment.methodLast4, email: payment.methodEmail },
    paidAt: payment.succeededAt ?? payment.createdAt,
    refund: prepared.refund ? { amount: prepared.refund.amount, at: prepared.refund.createdAt } : undefined,
  });
  await mailer.send({ to: prepared.to, ...message });
  await record(ctx, job, { status: 'sent', recipient: prepared.to, subject: message.subject, sentAt: new Date() });
  return { status: 'sent' };
}

async function record(ctx: Pick<AppContext, 'database'>, job: EmailJobData, values: Partial<typeof emails.$inferInsert>) {
  await withTenant(ctx.database, job.accountId, (tx) =>
    tx.update(emails).set(values).where(and(eq(emails.accountId, job.accountId), eq(emails.id, job.emailId))),
  );
}

/** Works the `email` queue in this process (`serve` and `worker`), one job at a time per poll. */
export async function startEmailWorker(ctx: AppContext, boss: PgBoss, log?: FastifyBaseLogger) {
  const id = await boss.work<unknown>(queues.email.name, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
    if (!job) return;
    if (!isEmailJob(job.data)) {
      log?.error({ job: job.id }, 'an email job with a malformed payload was dropped');
      return;
    }
    const data = job.data;
    try {
      await sendEmail(ctx, data);
    } catch (err) {
      const last = job.retryCount >= job.retryLimit;
      const message = err instanceof Error ? err.message.slice(0, 500) : String(err);
      await withTenant(ctx.database, data.accountId, async (tx) => {
        const [row] = await tx.select({ attempts: emails.attempts }).from(emails).where(and(eq(emails.accountId, data.accountId), eq(emails.id, data.emailId)));
        await tx
          .update(emails)
          .set({ attempts: (row?.attempts ?? 0) + 1, lastError: message, ...(last ? { status: 'failed' as const } : {}) })
          .where(and(eq(emails.accountId, data.accountId), eq(emails.id, data.emailId)));
      });
      log?.warn({ err, email: data.emailId, attempt: job.retryCount + 1 }, last ? 'an email could not be sent; giving up' : 'an email could not be sent; it will be retried');
      if (last) {
        reportError(err, { job: queues.email.name });
        return;
      }
      throw err;
    }
  });
  return { stop: () => boss.offWork({ id }) };
}
