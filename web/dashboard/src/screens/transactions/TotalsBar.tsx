import type { Totals } from '../../api/types.js';
import { formatMoney } from '../../lib/money.js';

/** Totals of the whole filtered set (every page), per currency. */
export function TotalsBar({ totals }: { totals: Totals }) {
  return (
    <section className="totals" aria-label="Totals of the filtered transactions">
      <div className="total">
        <span className="total-label">Transactions</span>
        <span className="total-value">{totals.count.toLocaleString()}</span>
      </div>
      {totals.currencies.map((c) => (
        <div className="total" key={c.currency}>
          <span className="total-label">Net revenue ({c.currency.toUpperCase()})</span>
          <span className="total-value">{formatMoney(c.net, c.currency)}</span>
          <span className="total-detail">
            {c.paidCount.toLocaleString()} paid · {formatMoney(c.amount, c.currency)} gross · {formatMoney(c.refunded, c.currency)} refunded
          </span>
        </div>
      ))}
    </section>
  );
}
