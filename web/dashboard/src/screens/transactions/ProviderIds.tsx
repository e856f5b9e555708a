import type { TransactionDetail } from '../../api/types.js';

/** Stripe's ids of the payment, linked to Stripe's dashboard (outside sandbox mode, where it exists). */
export function ProviderIds({ transaction }: { transaction: TransactionDetail }) {
  const { stripe } = transaction;
  const rows: Array<[string, string | null]> = [
    ['PaymentIntent', stripe.paymentIntentId],
    ['Charge', stripe.chargeId],
    ['Customer', stripe.customerId],
  ];
  return (
    <section className="card" aria-labelledby="provider-title">
      <h2 id="provider-title">Stripe</h2>
      <dl className="definition-list">
        {rows.map(([label, id]) => (
          <div key={label} className="contents">
            <dt>{label}</dt>
            <dd>{id ? <code>{id}</code> : <span className="muted">—</span>}</dd>
          </div>
        ))}
      </dl>
      {stripe.dashboardUrl ? (
        <p>
          <a href={stripe.dashboardUrl} target="_blank" rel="noopener noreferrer">
            Open in Stripe's dashboard<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </p>
      ) : (
        stripe.paymentIntentId && <p className="muted small">Sandbox payment: it exists only in the local Stripe stand-in, so there is no Stripe dashboard page.</p>
      )}
    </section>
  );
}
