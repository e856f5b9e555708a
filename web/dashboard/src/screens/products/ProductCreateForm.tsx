import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreateProduct } from '../../api/catalog.js';
import { Field } from '../../components/Field.js';
import { InlineError } from '../../components/states.js';

/** Name and description of a new product; then its page, to add prices. */
export function ProductCreateForm({ onCancel }: { onCancel: () => void }) {
  const create = useCreateProduct();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  return (
    <form
      className="card stack"
      aria-labelledby="new-product-title"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ name: name.trim(), description: description.trim() }, { onSuccess: (p) => navigate(`/products/${p.id}?newPrice=1`) });
      }}
    >
      <h2 id="new-product-title">New product</h2>
      <Field label="Name" hint="What buyers see, e.g. “Workshop ticket”.">
        {(props) => <input {...props} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} autoFocus />}
      </Field>
      <Field label="Description (optional)">{(props) => <textarea {...props} rows={2} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
      <InlineError error={create.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending || !name.trim()}>
          {create.isPending ? 'Creating…' : 'Create product'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
