import type { TransactionDetail } from '../../api/types.js';
import { formatMoney } from '../../lib/money.js';

/** The amount, what was refunded, and what the provider took and the merchant keeps (its fee and net, once it says). */
export function PaymentAmounts({ transaction }: { transaction: TransactionDetail }) {
  const { amount, amountRefunded, currency, settlement, provider } = transaction;
  const name = provider === 'paypal' ? 'PayPal' : 'Stripe';
  const rows: Array<[string, string | null]> = [
    ['Amount', formatMoney(amount, currency)],
    ...(amountRefunded > 0 ? [['Refunded', formatMoney(amountRefunded, currency)] as [string, string]] : []),
    ['Fee', settlement && formatMoney(settlement.fee, settlement.currency)],
    ['Net', settlement && formatMoney(settlement.net, settlement.currency)],
  ];
  return (
    <section className="card" aria-labelledby="amounts-title">
      <h2 id="amounts-title">Amounts</h2>
      <dl className="definition-list">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt>{label}</dt>
            <dd>{value ?? <span className="muted">—</span>}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">
        {settlement ? `Fee and net as ${name} reported them when it took the money; refunds are not taken off.` : `${name} reports its fee once it has taken the money.`}
      </p>
    </section>
  );
}
