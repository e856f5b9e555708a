import { useState } from 'react';
import { useCreatePrice } from '../../api/catalog.js';
import { InlineError } from '../../components/states.js';
import { emptyPriceDraft, readPriceDraft, type PriceErrors } from './price-fields.js';
import { PriceFields } from './PriceFields.js';

export function PriceCreateForm({ productId, defaultCurrency, onDone }: { productId: string; defaultCurrency: string; onDone: () => void }) {
  const create = useCreatePrice();
  const [draft, setDraft] = useState(() => emptyPriceDraft(defaultCurrency));
  const [errors, setErrors] = useState<PriceErrors>({});
  return (
    <form
      className="card stack"
      aria-labelledby="new-price-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const read = readPriceDraft(draft);
        if ('errors' in read) return setErrors(read.errors);
        setErrors({});
        const { nickname, ...amounts } = read.values;
        create.mutate({ productId, type: draft.type, currency: draft.currency, ...(nickname ? { nickname } : {}), ...amounts }, { onSuccess: onDone });
      }}
    >
      <h2 id="new-price-title">Add a price</h2>
      <PriceFields draft={draft} onChange={setDraft} errors={errors} />
      <InlineError error={create.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add price'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
