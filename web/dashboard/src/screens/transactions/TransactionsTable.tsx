import { Link } from 'react-router';
import type { Transaction } from '../../api/types.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { disputeLabel } from '../../lib/disputes.js';
import { formatDateTime } from '../../lib/dates.js';
import { formatMoney } from '../../lib/money.js';
import { TableFrame } from '../../components/TableFrame.js';

export function TransactionsTable({ transactions, caption, showBuyer = true }: { transactions: Transaction[]; caption: string; showBuyer?: boolean }) {
  return (
    <TableFrame label={caption}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Status</th>
            <th scope="col">Description</th>
            {showBuyer && <th scope="col">Buyer</th>}
            <th scope="col">Date</th>
          </tr>
        </thead>
        <tbody>
          {transactions.map((t) => (
            <tr key={t.id}>
              <td className="num">
                <Link to={`/transactions/${t.id}`} aria-label={`${formatMoney(t.amount, t.currency)} from ${t.contact.email}, ${t.status.replace(/_/g, ' ')}`}>
                  <strong>{formatMoney(t.amount, t.currency)}</strong>
                </Link>
                {t.amountRefunded > 0 && <div className="small muted">−{formatMoney(t.amountRefunded, t.currency)} refunded</div>}
              </td>
              <td>
                <StatusBadge status={t.status} />
                {t.dispute && (
                  <>
                    {' '}
                    <StatusBadge status={t.dispute} label={disputeLabel[t.dispute]} />
                  </>
                )}
                {t.failureMessage && <div className="small muted">{t.failureMessage}</div>}
              </td>
              <td className="truncate">{t.description || t.items.map((i) => i.productName).join(', ') || '—'}</td>
              {showBuyer && (
                <td>
                  <Link to={`/contacts/${t.contact.id}`}>{t.contact.email}</Link>
                </td>
              )}
              <td className="nowrap">{formatDateTime(t.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
