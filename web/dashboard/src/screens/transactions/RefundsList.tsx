import type { Refund, TransactionDetail } from '../../api/types.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { formatDateTime } from '../../lib/dates.js';
import { formatMoney } from '../../lib/money.js';

const reasons: Record<string, string> = { requested_by_customer: 'Requested by the buyer', duplicate: 'Duplicate', fraudulent: 'Fraudulent' };

export function RefundsList({ refunds, provider }: { refunds: Refund[]; provider: TransactionDetail['provider'] }) {
  return (
    <ul className="refunds">
      {refunds.map((r) => (
        <li key={r.id}>
          <strong>{formatMoney(r.amount, r.currency)}</strong> <StatusBadge status={r.status} />{' '}
          <span className="muted small">
            {formatDateTime(r.createdAt)}
            {r.reason && ` · ${reasons[r.reason] ?? r.reason}`}
            {r.createdBy === null && ` · made in ${provider === 'paypal' ? 'PayPal' : 'Stripe'}`}
            {r.providerRefundId && (
              <>
                {' · '}
                <code>{r.providerRefundId}</code>
              </>
            )}
          </span>
          {r.failureReason && <div className="inline-error">{r.failureReason}</div>}
        </li>
      ))}
    </ul>
  );
}
