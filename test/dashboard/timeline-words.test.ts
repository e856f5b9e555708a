import { describe, expect, it } from 'vitest';
import { timelineProblem, timelineWords, type TimelineEntry } from '../../web/dashboard/src/lib/timeline-words.js';

const at = '2026-12-04T10:00:00.000Z';

describe("the payment timeline's words", () => {
  it('says each step as a merchant would, with amounts in the currency and reasons as given', () => {
    const said = (entry: TimelineEntry) => timelineWords(entry);
    expect(said({ kind: 'created', amount: 2500, currency: 'usd', at })).toBe('Payment of $25.00 started');
    expect(said({ kind: 'status', status: 'requires_action', at })).toBe('The bank asked the buyer to authenticate');
    expect(said({ kind: 'status', status: 'failed', reason: 'The card has insufficient funds.', at })).toBe('Payment failed: The card has insufficient funds.');
    expect(said({ kind: 'webhook', provider: 'stripe', type: 'payment_intent.succeeded', eventId: 'evt_1', at })).toBe('Stripe sent payment_intent.succeeded');
    expect(said({ kind: 'refund', refundId: 'rf_1', amount: 1000, currency: 'eur', status: 'failed', failureReason: 'expired_or_canceled_card', at })).toBe(
      'Refund of €10.00 failed: expired_or_canceled_card',
    );
    expect(said({ kind: 'sync', ok: false, error: 'HubSpot is down.', at })).toBe('HubSpot sync failed: HubSpot is down.');
    expect(said({ kind: 'email', email: 'refund_receipt', to: 'ada@example.com', at })).toBe('Refund receipt emailed to ada@example.com');
    expect(said({ kind: 'dispute', status: 'lost', at })).toMatch(/^Dispute lost/);
  });

  it('marks what went wrong, and only that', () => {
    expect(timelineProblem({ kind: 'status', status: 'failed', at })).toBe(true);
    expect(timelineProblem({ kind: 'status', status: 'succeeded', at })).toBe(false);
    expect(timelineProblem({ kind: 'sync', ok: false, at })).toBe(true);
    expect(timelineProblem({ kind: 'sync', ok: true, at })).toBe(false);
    expect(timelineProblem({ kind: 'dispute', status: 'won', at })).toBe(false);
    expect(timelineProblem({ kind: 'refund', refundId: 'rf_1', amount: 1, currency: 'usd', status: 'succeeded', at })).toBe(false);
  });
});
