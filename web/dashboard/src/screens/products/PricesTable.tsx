import { useState } from 'react';
import { useArchivePrice, useUpdatePrice } from '../../api/catalog.js';
import type { Price } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { InlineError } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { formatMoney } from '../../lib/money.js';
import { PriceEditDialog } from './PriceEditDialog.js';
import { TableFrame } from '../../components/TableFrame.js';

export function PricesTable({ prices }: { prices: Price[] }) {
  const canEdit = useCan('admin');
  const archive = useArchivePrice();
  const restore = useUpdatePrice();
  const [editing, setEditing] = useState<Price | null>(null);
  return (
    <>
      <InlineError error={archive.error ?? restore.error} />
      <TableFrame label="Prices">
        <table className="table">
          <caption className="visually-hidden">Prices</caption>
          <thead>
            <tr>
              <th scope="col">Price</th>
              <th scope="col">Type</th>
              <th scope="col">Label</th>
              <th scope="col">Per purchase</th>
              <th scope="col">Status</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {prices.map((price) => (
              <tr key={price.id}>
                <td>
                  <strong>{price.display}</strong> <span className="muted small">{price.currency.toUpperCase()}</span>
                </td>
                <td>{price.type === 'fixed' ? 'Fixed' : 'Custom amount'}</td>
                <td>{price.nickname || '—'}</td>
                <td>{price.type === 'fixed' ? (price.maxQuantity > 1 ? `up to ${price.maxQuantity}` : '1') : `from ${formatMoney(price.minAmount ?? 0, price.currency)}`}</td>
                <td>
                  <StatusBadge status={price.archived ? 'archived' : 'active'} />
                </td>
                {canEdit && (
                  <td className="row-actions">
                    {!price.archived && (
                      <button type="button" className="button button-small" onClick={() => setEditing(price)} aria-label={`Edit price ${price.display}`}>
                        Edit
                      </button>
                    )}
                    {price.archived ? (
                      <button type="button" className="button button-small" disabled={restore.isPending} onClick={() => restore.mutate({ priceId: price.id, archived: false })}>
                        Restore
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={archive.isPending}
                        onClick={() => archive.mutate(price.id)}
                        aria-label={`Archive price ${price.display}`}
                      >
                        Archive
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
      {editing && <PriceEditDialog price={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
