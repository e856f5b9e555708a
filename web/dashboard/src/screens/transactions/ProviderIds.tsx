import type { TransactionDetail } from '../../api/types.js';

/** The provider's ids of the payment (Stripe's or PayPal's), linked to its dashboard outside sandbox mode, where it exists. */
export function ProviderIds({ transaction }: { transaction: TransactionDetail }) {
  const { stripe, paypal } = transaction;
  const name = paypal ? 'PayPal' : 'Stripe';
  const rows: Array<[string, string | null]> = paypal
    ? [
        ['Order', paypal.orderId],
        ['Capture', paypal.captureId],
      ]
    : [
        ['PaymentIntent', stripe?.paymentIntentId ?? null],
        ['Charge', stripe?.chargeId ?? null],
        ['Customer', stripe?.customerId ?? null],
      ];
  const dashboardUrl = (paypal ?? stripe)?.dashboardUrl ?? null;
  const where = paypal ? "PayPal's activity" : "Stripe's dashboard";
  return (
    <section className="card" aria-labelledby="provider-title">
      <h2 id="provider-title">{name}</h2>
      <dl className="definition-list">
        {rows.map(([label, id]) => (
          <div key={label} className="contents">
            <dt>{label}</dt>
            <dd>{id ? <code>{id}</code> : <span className="muted">—</span>}</dd>
          </div>
        ))}
      </dl>
      {dashboardUrl ? (
        <p>
          <a href={dashboardUrl} target="_blank" rel="noopener noreferrer">
            Open in {where}
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </p>
      ) : (
        rows[0]![1] && <p className="muted small">Sandbox payment: it exists only in the local {name} stand-in, so there is no {name} page for it.</p>
      )}
    </section>
  );
}
