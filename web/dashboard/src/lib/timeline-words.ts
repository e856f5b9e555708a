import type { TransactionDetail } from '../api/types.js';
import { formatMoney } from './money.js';

export type TimelineEntry = TransactionDetail['timeline'][number];

const providerName = { stripe: 'Stripe', paypal: 'PayPal' } as const;

const statusWords: Record<string, string> = {
  pending: 'Waiting for the buyer to pay',
  requires_action: 'The bank asked the buyer to authenticate',
  processing: 'Processing: the bank has yet to confirm the payment',
  succeeded: 'Payment succeeded',
  failed: 'Payment failed',
  canceled: 'Payment canceled',
};

const refundWords: Record<string, string> = {
  pending: 'asked for',
  requires_action: 'waits for the buyer\'s bank details',
  succeeded: 'went through',
  failed: 'failed',
  canceled: 'was canceled',
};

const disputeWords = { disputed: 'The buyer disputed the payment with their bank (a chargeback)', won: 'Dispute won: the money stays yours', lost: 'Dispute lost: the money went back to the buyer' };

/** One step of a payment's history in words a merchant reads at a glance (the payment page's timeline). */
export function timelineWords(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'created':
      return `Payment of ${formatMoney(entry.amount, entry.currency)} started`;
    case 'status':
      return entry.reason ? `${statusWords[entry.status] ?? entry.status}: ${entry.reason}` : (statusWords[entry.status] ?? entry.status);
    case 'webhook':
      return `${providerName[entry.provider]} sent ${entry.type}`;
    case 'refund': {
      const words = `Refund of ${formatMoney(entry.amount, entry.currency)} ${refundWords[entry.status] ?? entry.status}`;
      return entry.failureReason ? `${words}: ${entry.failureReason}` : words;
    }
    case 'dispute':
      return disputeWords[entry.status];
    case 'sync':
      return entry.ok ? 'Synced to HubSpot' : `HubSpot sync failed: ${entry.error ?? 'no reason given'}`;
    case 'email':
      return `${entry.email === 'refund_receipt' ? 'Refund receipt' : 'Receipt'} emailed to ${entry.to}`;
  }
}

/** Whether a step went wrong (shown as such). */
export const timelineProblem = (entry: TimelineEntry) =>
  (entry.kind === 'status' && (entry.status === 'failed' || entry.status === 'canceled')) ||
  (entry.kind === 'refund' && entry.status === 'failed') ||
  (entry.kind === 'sync' && !entry.ok) ||
  (entry.kind === 'dispute' && entry.status !== 'won');
