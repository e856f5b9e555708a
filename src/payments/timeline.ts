import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { emails, paymentTimeline, type DisputeStatus, type EmailKind, type Mode, type PaymentProvider, type RefundStatus, type TransactionStatus } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import type { Scope } from '../platform/tenancy/scope.js';

/**
 * What happened to a payment, in order: the payment page's timeline, the way Stripe's payment page
 * lists events. Each writer records its step inside the database transaction that makes it, so the
 * timeline never shows something that did not happen (or leaves out something that did). HubSpot
 * sync attempts are written by src/sync/record-sync-results.ts (one statement for a batch).
 */
export type TimelineEvent =
  /** The payment reached a status (requires_action: the bank asked the buyer to authenticate); `reason` in the merchant's words when it failed. */
  | { kind: 'status'; status: TransactionStatus; reason?: string | null }
  /** A verified webhook delivery about this payment. */
  | { kind: 'webhook'; provider: PaymentProvider; type: string; eventId: string }
  /** A refund asked for (by a member, or found at the provider: made in its dashboard), or where it went. */
  | { kind: 'refund'; refundId: string; amount: number; currency: string; status: RefundStatus; failureReason?: string | null }
  | { kind: 'dispute'; status: DisputeStatus }
  /** One attempt to write the payment into HubSpot. */
  | { kind: 'sync'; ok: boolean; error?: string | null };

/** Entries that come from elsewhere: the checkout storing the payment, and the receipts sent (the `emails` table). */
type Derived = { kind: 'created'; amount: number; currency: string } | { kind: 'email'; email: EmailKind; to: string };

export type TimelineEntry = (TimelineEvent | Derived) & { at: string };

type PaymentRef = { accountId: string; mode: Mode; transactionId: string };

export async function recordTimeline(tx: Tx, payment: PaymentRef, event: TimelineEvent): Promise<void> {
  const { kind, ...detail } = event;
  await tx.insert(paymentTimeline).values({ ...payment, kind, detail });
}

/** The payment's timeline, oldest first, starting with its creation. */
export async function readTimeline(tx: Tx, scope: Scope, transaction: { id: string; createdAt: Date; amount: number; currency: string }): Promise<TimelineEntry[]> {
  const rows = await tx
    .select()
    .from(paymentTimeline)
    .where(and(eq(paymentTimeline.accountId, scope.accountId), eq(paymentTimeline.mode, scope.mode), eq(paymentTimeline.transactionId, transaction.id)))
    .orderBy(asc(paymentTimeline.id));
  const sent = await tx
    .select({ kind: emails.kind, to: emails.recipient, at: emails.sentAt })
    .from(emails)
    .where(and(eq(emails.accountId, scope.accountId), eq(emails.transactionId, transaction.id), isNotNull(emails.sentAt)));
  const entries: TimelineEntry[] = [
    { kind: 'created', amount: transaction.amount, currency: transaction.currency, at: transaction.createdAt.toISOString() },
    ...rows.map((row) => ({ ...(row.detail as object), kind: row.kind, at: row.at.toISOString() }) as TimelineEntry),
    ...sent.map((email): TimelineEntry => ({ kind: 'email', email: email.kind, to: email.to ?? '', at: email.at!.toISOString() })),
  ];
  // A stable sort: entries of one instant keep the order they were written in.
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
