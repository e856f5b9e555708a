import { CurrencySelect } from '../../components/CurrencySelect.js';
import { Field } from '../../components/Field.js';
import { amountStep } from '../../lib/money.js';
import type { PriceDraft, PriceErrors } from './price-fields.js';

/**
 * The inputs of a price. Type and currency are fixed once the price exists (`editing`):
 * the API keeps them, so a different one is a new price.
 */
export function PriceFields({ draft, onChange, errors, editing = false }: { draft: PriceDraft; onChange: (draft: PriceDraft) => void; errors: PriceErrors; editing?: boolean }) {
  const set = <K extends keyof PriceDraft>(field: K, value: PriceDraft[K]) => onChange({ ...draft, [field]: value });
  const unit = draft.currency.toUpperCase();
  const amountInput = (field: 'unitAmount' | 'minAmount' | 'maxAmount', required: boolean) => (props: object) => (
    <input {...props} inputMode="decimal" step={amountStep(draft.currency)} required={required} value={draft[field]} onChange={(e) => set(field, e.target.value)} />
  );
  return (
    <>
      {!editing && (
        <fieldset className="radio-group">
          <legend>Price type</legend>
          <label>
            <input type="radio" name="price-type" checked={draft.type === 'fixed'} onChange={() => set('type', 'fixed')} /> Fixed amount
          </label>
          <label>
            <input type="radio" name="price-type" checked={draft.type === 'custom'} onChange={() => set('type', 'custom')} /> Custom amount (the buyer chooses,
            e.g. donations)
          </label>
        </fieldset>
      )}
      <div className="field-row">
        {!editing && <Field label="Currency">{(props) => <CurrencySelect {...props} value={draft.currency} onChange={(c) => set('currency', c)} />}</Field>}
        {draft.type === 'fixed' ? (
          <>
            <Field label={`Amount (${unit})`} error={errors.unitAmount}>
              {amountInput('unitAmount', true)}
            </Field>
            <Field label="Most per purchase" hint="1 = the buyer cannot choose a quantity." error={errors.maxQuantity}>
              {(props) => <input {...props} type="number" min={1} max={999} step={1} required value={draft.maxQuantity} onChange={(e) => set('maxQuantity', e.target.value)} />}
            </Field>
          </>
        ) : (
          <>
            <Field label={`Minimum (${unit})`} hint="Empty: one whole unit." error={errors.minAmount}>
              {amountInput('minAmount', false)}
            </Field>
            <Field label={`Maximum (${unit})`} hint="Empty: no limit below the largest amount." error={errors.maxAmount}>
              {amountInput('maxAmount', false)}
            </Field>
          </>
        )}
      </div>
      <Field label="Label (optional)" hint="Shown next to the price, e.g. “Early bird”.">
        {(props) => <input {...props} maxLength={200} value={draft.nickname} onChange={(e) => set('nickname', e.target.value)} />}
      </Field>
    </>
  );
}
