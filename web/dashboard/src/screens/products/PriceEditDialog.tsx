import { useState } from 'react';
import { useUpdatePrice } from '../../api/catalog.js';
import type { Price } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { draftOf, readPriceDraft, type PriceErrors } from './price-fields.js';
import { PriceFields } from './PriceFields.js';

/** Changes a price's amounts and label; past transactions keep what they were paid at. */
export function PriceEditDialog({ price, onClose }: { price: Price; onClose: () => void }) {
  const update = useUpdatePrice();
  const [draft, setDraft] = useState(() => draftOf(price));
  const [errors, setErrors] = useState<PriceErrors>({});
  return (
    <ConfirmDialog
      open
      title={`Edit price ${price.display}`}
      confirmLabel="Save price"
      pending={update.isPending}
      error={update.error}
      onCancel={onClose}
      onConfirm={() => {
        const read = readPriceDraft(draft);
        if ('errors' in read) return setErrors(read.errors);
        setErrors({});
        update.mutate({ priceId: price.id, ...read.values }, { onSuccess: onClose });
      }}
    >
      <div className="stack">
        <p className="muted">Type and currency stay as they are ({price.type === 'fixed' ? 'fixed amount' : 'custom amount'}, {price.currency.toUpperCase()}): for another, add a new price.</p>
        <PriceFields draft={draft} onChange={setDraft} errors={errors} editing />
      </div>
    </ConfirmDialog>
  );
}
