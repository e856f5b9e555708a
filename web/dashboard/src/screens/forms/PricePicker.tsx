import { Link } from 'react-router';
import type { Price, Product } from '../../api/types.js';

/**
 * The prices a form offers, in display order. Only active prices in the form's currency can be
 * added; a price already on the form that was archived since stays until removed.
 */
export function PricePicker({
  prices,
  products,
  chosen,
  onChange,
  error,
}: {
  prices: Price[];
  products: Product[];
  chosen: string[];
  onChange: (priceIds: string[]) => void;
  error?: string;
}) {
  const productOf = (price: Price) => products.find((p) => p.id === price.productId);
  const currency = chosen.map((id) => prices.find((p) => p.id === id)?.currency).find(Boolean);
  const hasCustom = chosen.some((id) => prices.find((p) => p.id === id)?.type === 'custom');
  const label = (price: Price) => `${productOf(price)?.name ?? 'Unknown product'} — ${price.display}${price.nickname ? ` (${price.nickname})` : ''}${price.type === 'custom' ? ', custom amount' : ''}`;
  const sellable = prices.filter((p) => !p.archived && !productOf(p)?.archived);
  const move = (index: number, by: -1 | 1) => {
    const next = [...chosen];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    onChange(next);
  };
  const errorId = error ? 'price-picker-error' : undefined;

  return (
    <div className="price-picker">
      {chosen.length > 0 && (
        <ol className="chosen-prices" aria-label="On this form, in display order">
          {chosen.map((id, index) => {
            const price = prices.find((p) => p.id === id);
            return (
              <li key={id}>
                <span>
                  {price ? label(price) : id}
                  {price && (price.archived || productOf(price)?.archived) && <span className="tag">Archived: not sold</span>}
                </span>
                <span className="row-actions">
                  <button type="button" className="button button-small" disabled={index === 0} onClick={() => move(index, -1)} aria-label={`Move ${price ? label(price) : id} up`}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    disabled={index === chosen.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={`Move ${price ? label(price) : id} down`}
                  >
                    ↓
                  </button>
                  <button type="button" className="button button-small" onClick={() => onChange(chosen.filter((c) => c !== id))} aria-label={`Remove ${price ? label(price) : id}`}>
                    Remove
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <fieldset className="checkbox-group" aria-describedby={errorId}>
        <legend>Prices to offer{currency ? ` (in ${currency.toUpperCase()})` : ''}</legend>
        {sellable.length === 0 && (
          <p className="muted">
            No active prices in this mode yet. <Link to="/products?new=1">Create a product</Link> with a price first.
          </p>
        )}
        {sellable.map((price) => {
          const on = chosen.includes(price.id);
          const otherCurrency = currency !== undefined && price.currency !== currency;
          const secondCustom = !on && price.type === 'custom' && hasCustom;
          return (
            <label key={price.id} className={otherCurrency || secondCustom ? 'muted' : undefined}>
              <input
                type="checkbox"
                checked={on}
                disabled={!on && (otherCurrency || secondCustom)}
                onChange={() => onChange(on ? chosen.filter((c) => c !== price.id) : [...chosen, price.id])}
              />{' '}
              {label(price)}
              {!on && otherCurrency && <span className="small"> — another currency</span>}
              {secondCustom && <span className="small"> — one custom amount per form</span>}
            </label>
          );
        })}
      </fieldset>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
