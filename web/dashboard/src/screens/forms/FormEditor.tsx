import { useState } from 'react';
import { useAllProducts, usePrices } from '../../api/catalog.js';
import type { FormInput } from '../../api/types.js';
import { Field } from '../../components/Field.js';
import { InlineError, QueryView } from '../../components/states.js';
import { formInputOf, withPrices, type FormDraft, type FormDraftErrors } from './form-draft.js';
import { FormPreview } from './FormPreview.js';
import { HubSpotFields } from './HubSpotFields.js';
import { PricePicker } from './PricePicker.js';
import { EmailDelivery } from '../../components/EmailDelivery.js';

const selections: Array<{ value: FormDraft['selection']; label: string }> = [
  { value: 'fixed', label: 'One item, always bought' },
  { value: 'pick_one', label: 'The buyer picks one' },
  { value: 'pick_many', label: 'The buyer picks any (with quantities)' },
];

/**
 * Create and edit a payment form, with a live preview of the unsaved state. `readOnly` shows
 * the same fields disabled (viewers).
 */
export function FormEditor({
  initial,
  submitLabel,
  pending,
  error,
  readOnly = false,
  onSubmit,
}: {
  initial: FormDraft;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  readOnly?: boolean;
  onSubmit: (input: FormInput) => void;
}) {
  const prices = usePrices();
  const products = useAllProducts();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FormDraftErrors>({});
  const set = <K extends keyof FormDraft>(field: K, value: FormDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));

  return (
    <QueryView query={prices} loadingLabel="Loading prices…">
      {(allPrices) => (
        <QueryView query={products} loadingLabel="Loading products…">
          {(allProducts) => {
            const chosen = draft.priceIds.map((id) => allPrices.find((p) => p.id === id)).filter((p) => p !== undefined);
            return (
              <div className="editor-layout">
                <form
                  className="card stack"
                  aria-label="Payment form settings"
                  noValidate
                  onSubmit={(e) => {
                    e.preventDefault();
                    const result = formInputOf(draft, allPrices);
                    if ('errors' in result) return setErrors(result.errors);
                    setErrors({});
                    onSubmit(result.input);
                  }}
                >
                  <fieldset className="stack fieldset-plain" disabled={readOnly}>
                    <Field label="Form name" hint="For you; buyers see it as the form's title." error={errors.name}>
                      {(props) => <input {...props} required maxLength={200} value={draft.name} onChange={(e) => set('name', e.target.value)} />}
                    </Field>
                    <PricePicker prices={allPrices} products={allProducts} chosen={draft.priceIds} onChange={(ids) => setDraft((d) => withPrices(d, ids))} error={errors.items} />
                    <fieldset className="radio-group">
                      <legend>How buyers choose</legend>
                      {selections.map((s) => (
                        <label key={s.value}>
                          <input
                            type="radio"
                            name="selection"
                            checked={draft.selection === s.value}
                            disabled={(s.value === 'fixed') !== (draft.priceIds.length <= 1)}
                            onChange={() => set('selection', s.value)}
                          />{' '}
                          {s.label}
                        </label>
                      ))}
                      {errors.selection && <p className="field-error">{errors.selection}</p>}
                    </fieldset>
                    <fieldset className="radio-group">
                      <legend>How buyers pay</legend>
                      {(
                        [
                          ['stripe', 'By card (Stripe)'],
                          ['paypal', 'With PayPal'],
                        ] as const
                      ).map(([provider, label]) => (
                        <label key={provider}>
                          <input
                            type="checkbox"
                            checked={draft.providers.includes(provider)}
                            onChange={(e) => set('providers', e.target.checked ? [...draft.providers, provider] : draft.providers.filter((p) => p !== provider))}
                          />{' '}
                          {label}
                        </label>
                      ))}
                      <p className="muted small">Each is offered only while it is connected in this mode (Connections).</p>
                      {errors.providers && <p className="field-error">{errors.providers}</p>}
                    </fieldset>
                    <HubSpotFields draft={draft} set={set} update={setDraft} errors={errors} currency={chosen[0]?.currency} />
                    <fieldset className="stack fieldset">
                      <legend>After paying</legend>
                      <div className="radio-group">
                        {(
                          [
                            ['default', 'Show the default thank-you'],
                            ['message', 'Show my message'],
                            ['redirect', 'Send the buyer to a page'],
                          ] as const
                        ).map(([value, label]) => (
                          <label key={value}>
                            <input type="radio" name="completion" checked={draft.completion === value} onChange={() => set('completion', value)} /> {label}
                          </label>
                        ))}
                      </div>
                      {draft.completion === 'message' && (
                        <Field label="Success message" error={errors.successMessage}>
                          {(props) => <textarea {...props} rows={2} maxLength={2000} value={draft.successMessage} onChange={(e) => set('successMessage', e.target.value)} />}
                        </Field>
                      )}
                      {draft.completion === 'redirect' && (
                        <Field label="Redirect to" hint="https:// address of your thank-you page." error={errors.redirectUrl}>
                          {(props) => <input {...props} type="url" maxLength={2000} value={draft.redirectUrl} onChange={(e) => set('redirectUrl', e.target.value)} />}
                        </Field>
                      )}
                      <label>
                        <input type="checkbox" checked={draft.sendReceipts} onChange={(e) => set('sendReceipts', e.target.checked)} /> Email the buyer a receipt (and one for each
                        refund)
                      </label>
                      <EmailDelivery what="receipts" />
                    </fieldset>
                    <Field
                      label="Allowed domains"
                      hint="One origin per line, e.g. https://shop.example.com. Empty: the form works on any site."
                      error={errors.allowedDomains}
                    >
                      {(props) => <textarea {...props} rows={3} value={draft.allowedDomains} onChange={(e) => set('allowedDomains', e.target.value)} />}
                    </Field>
                  </fieldset>
                  <InlineError error={error} />
                  {Object.keys(errors).length > 0 && (
                    <p className="inline-error" role="alert">
                      Some fields need attention before saving.
                    </p>
                  )}
                  {!readOnly && (
                    <div className="form-actions">
                      <button type="submit" className="button button-primary" disabled={pending}>
                        {pending ? 'Saving…' : submitLabel}
                      </button>
                    </div>
                  )}
                </form>
                <aside className="card preview-panel" aria-labelledby="preview-title">
                  <h2 id="preview-title">Live preview</h2>
                  <p className="muted small">Updates as you edit; no payment is made here.</p>
                  <FormPreview
                    name={draft.name}
                    prices={chosen}
                    products={allProducts}
                    selection={draft.selection}
                    successMessage={draft.completion === 'message' ? draft.successMessage : null}
                    redirectUrl={draft.completion === 'redirect' ? draft.redirectUrl : null}
                  />
                </aside>
              </div>
            );
          }}
        </QueryView>
      )}
    </QueryView>
  );
}
