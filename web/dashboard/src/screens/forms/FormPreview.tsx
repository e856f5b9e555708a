import { useState } from 'react';
import type { Price, Product, Selection } from '../../api/types.js';
import { formatMoney } from '../../lib/money.js';

/**
 * What a buyer sees, drawn from the editor's unsaved state: the offered items as the selection
 * lets them be chosen, the total, and what happens after paying. No payment is made here.
 */
export function FormPreview({
  name,
  prices,
  products,
  selection,
  successMessage,
  redirectUrl,
}: {
  name: string;
  prices: Price[];
  products: Product[];
  selection: Selection;
  successMessage: string | null;
  redirectUrl: string | null;
}) {
  const [picked, setPicked] = useState<string[]>([]);
  const [paid, setPaid] = useState(false);
  const productName = (price: Price) => products.find((p) => p.id === price.productId)?.name ?? 'Product';
  if (prices.length === 0) return <p className="muted">Choose prices to see the form.</p>;
  const currency = prices[0].currency;
  const chosen = selection === 'fixed' ? prices : prices.filter((p) => picked.includes(p.id));
  const total = chosen.reduce((sum, p) => sum + (p.unitAmount ?? p.minAmount ?? 0), 0);
  const toggle = (id: string) => setPicked((all) => (selection === 'pick_one' ? [id] : all.includes(id) ? all.filter((x) => x !== id) : [...all, id]));

  if (paid) {
    return (
      <div className="preview" aria-label="Preview after payment">
        <p>{redirectUrl ? `The buyer is sent to ${redirectUrl}` : successMessage || 'Thank you! Your payment was received.'}</p>
        <button type="button" className="button button-small" onClick={() => setPaid(false)}>
          Back to the form
        </button>
      </div>
    );
  }
  return (
    <div className="preview" aria-label="Preview of the payment form">
      <h3>{name || 'Untitled form'}</h3>
      <ul className="preview-items">
        {prices.map((price) => (
          <li key={price.id}>
            {selection === 'fixed' ? null : (
              <input
                type={selection === 'pick_one' ? 'radio' : 'checkbox'}
                name="preview-item"
                checked={picked.includes(price.id)}
                onChange={() => toggle(price.id)}
                aria-label={productName(price)}
              />
            )}
            <span className="preview-item-name">
              {productName(price)}
              {price.nickname && <span className="muted"> · {price.nickname}</span>}
            </span>
            <span>
              {price.type === 'custom' ? (
                <input className="preview-amount" aria-label={`Amount for ${productName(price)}`} placeholder={formatMoney(price.minAmount ?? 0, currency)} readOnly />
              ) : (
                price.display
              )}
            </span>
          </li>
        ))}
      </ul>
      <div className="preview-field">Email</div>
      <div className="preview-field">Card details (Stripe)</div>
      <button type="button" className="button button-primary button-block" onClick={() => setPaid(true)}>
        Pay {formatMoney(total, currency)}
      </button>
    </div>
  );
}
