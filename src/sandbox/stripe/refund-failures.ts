import { backgroundScope, type StripeEnv } from './env.js';
import { recordRefundFailureBalance } from './balance-transactions.js';
import type { Refund } from './objects.js';

/**
 * How long a refund of a "refund fails" card (4000 0000 0000 5126, `pm_card_refundFail`) reads
 * succeeded before it fails. Stripe says "some time later"; here a minute of sandbox time.
 */
export const refundFailsAfterMs = 60_000;

/**
 * Fails the refunds whose time has come, as Stripe does for that card: the refund turns `failed`
 * (failure_reason `expired_or_canceled_card`), the money goes back to the merchant's balance (the
 * charge's `amount_refunded` drops again), and `charge.refund.updated`, `refund.updated` and
 * `refund.failed` are sent. Run when the sandbox clock advances and every 30 s of real time.
 */
export function runRefundFailures(env: StripeEnv, nowMs: number): void {
  for (const data of env.store.all()) {
    for (const [refundId, failsAt] of data.refundFailures) {
      if (failsAt > nowMs) continue;
      data.refundFailures.delete(refundId);
      const refund = data.refunds.get(refundId) as Refund | undefined;
      if (!refund || refund.status !== 'succeeded') continue;
      const charge = data.charges.get(refund.charge);
      const previous = { status: refund.status };
      refund.status = 'failed';
      refund.failure_reason = 'expired_or_canceled_card';
      refund.failure_balance_transaction = recordRefundFailureBalance(env, backgroundScope(data), refund);
      if (charge) {
        charge.amount_refunded = Math.max(0, charge.amount_refunded - refund.amount);
        charge.refunded = false;
      }
      const scope = backgroundScope(data);
      env.emit(scope, 'charge.refund.updated', refund, previous);
      env.emit(scope, 'refund.updated', refund, previous);
      env.emit(scope, 'refund.failed', refund, previous);
    }
  }
}
