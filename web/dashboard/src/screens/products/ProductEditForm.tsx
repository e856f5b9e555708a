import { useState } from 'react';
import { useUpdateProduct } from '../../api/catalog.js';
import type { Product } from '../../api/types.js';
import { Field } from '../../components/Field.js';
import { InlineError } from '../../components/states.js';

export function ProductEditForm({ product, onDone }: { product: Product; onDone: () => void }) {
  const update = useUpdateProduct(product.id);
  const [name, setName] = useState(product.name);
  const [description, setDescription] = useState(product.description);
  return (
    <form
      className="card stack"
      aria-label="Edit product"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ name: name.trim(), description: description.trim() }, { onSuccess: onDone });
      }}
    >
      <Field label="Name">{(props) => <input {...props} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      <Field label="Description">{(props) => <textarea {...props} rows={2} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
      <InlineError error={update.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={update.isPending || !name.trim()}>
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
