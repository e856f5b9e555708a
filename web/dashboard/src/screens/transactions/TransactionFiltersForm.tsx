import { useState } from 'react';
import { useAllProducts } from '../../api/catalog.js';
import { useAllForms } from '../../api/forms.js';
import { useUsedCurrencies } from '../../api/transactions.js';
import { CurrencySelect } from '../../components/CurrencySelect.js';
import { Field, type FieldControlProps } from '../../components/Field.js';
import { parseMoney, toMajorInput } from '../../lib/money.js';
import { hasFilters, noFilters, transactionStatuses, type TransactionFilters } from '../../lib/transaction-filters.js';

type AmountDraft = { min: string; max: string };

const amountDraftOf = (filters: TransactionFilters, currency: string): AmountDraft => ({
  min: filters.minAmount ? toMajorInput(Number(filters.minAmount), currency) : '',
  max: filters.maxAmount ? toMajorInput(Number(filters.maxAmount), currency) : '',
});

/** A choice of one product or form by name (archived ones say so), or any. */
function NamedSelect({ any, options, value, onChange, ...props }: FieldControlProps & { any: string; options: { id: string; name: string; archived: boolean }[] | undefined; value: string; onChange: (id: string) => void }) {
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{any}</option>
      {(options ?? []).map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
          {o.archived ? ' (archived)' : ''}
        </option>
      ))}
    </select>
  );
}

/**
 * The segmentation filters. Changes apply on "Apply" (one request, not one per keystroke). The
 * currency choice lists the currencies in use; amounts are typed in major units of the chosen
 * currency, and only once one is chosen (an amount means nothing across currencies).
 */
export function TransactionFiltersForm({ filters, defaultCurrency, onApply }: { filters: TransactionFilters; defaultCurrency: string; onApply: (filters: TransactionFilters) => void }) {
  const products = useAllProducts();
  const forms = useAllForms();
  const used = useUsedCurrencies();
  const [draft, setDraft] = useState(filters);
  const [open, setOpen] = useState(() => !window.matchMedia('(max-width: 640px)').matches);
  const currency = draft.currency || defaultCurrency;
  const [amounts, setAmounts] = useState(() => amountDraftOf(filters, currency));
  const [errors, setErrors] = useState<{ min?: string; max?: string; dates?: string }>({});
  const set = <K extends keyof TransactionFilters>(field: K, value: TransactionFilters[K]) => setDraft((d) => ({ ...d, [field]: value }));

  const apply = () => {
    const next: TransactionFilters = { ...draft, email: draft.email.trim() };
    const problems: typeof errors = {};
    for (const [bound, field] of [
      ['min', 'minAmount'],
      ['max', 'maxAmount'],
    ] as const) {
      if (!draft.currency || !amounts[bound].trim()) next[field] = '';
      else {
        const parsed = parseMoney(amounts[bound], currency);
        if ('error' in parsed) problems[bound] = parsed.error;
        else next[field] = String(parsed.amount);
      }
    }
    if (next.minAmount && next.maxAmount && Number(next.minAmount) > Number(next.maxAmount)) problems.max = 'The largest amount must be at least the smallest.';
    if (next.from && next.to && next.from > next.to) problems.dates = 'The start date must be on or before the end date.';
    setErrors(problems);
    if (Object.keys(problems).length === 0) onApply(next);
  };

  return (
    // On a phone the filters fold behind their summary (open on wider screens, where the summary is hidden).
    <details className="filters-fold" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{hasFilters(filters) ? 'Filters (on)' : 'Filters'}</summary>
      <form
        className="card filters"
        aria-label="Filter transactions"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <div className="filter-grid">
          <Field label="From" error={errors.dates}>
            {(props) => <input {...props} type="date" value={draft.from} onChange={(e) => set('from', e.target.value)} />}
          </Field>
          <Field label="To (inclusive)">{(props) => <input {...props} type="date" value={draft.to} onChange={(e) => set('to', e.target.value)} />}</Field>
          <Field label="Product">
            {(props) => <NamedSelect {...props} any="Any product" options={products.data} value={draft.productId} onChange={(id) => set('productId', id)} />}
          </Field>
          <Field label="Form">
            {(props) => <NamedSelect {...props} any="Any form" options={forms.data} value={draft.formId} onChange={(id) => set('formId', id)} />}
          </Field>
          <Field label="Buyer email" hint="The whole address or its beginning.">
            {(props) => <input {...props} type="search" inputMode="email" maxLength={254} value={draft.email} onChange={(e) => set('email', e.target.value)} />}
          </Field>
          <Field label="Paid with">
            {(props) => (
              <select {...props} value={draft.provider} onChange={(e) => set('provider', e.target.value)}>
                <option value="">Card or PayPal</option>
                <option value="stripe">Card (Stripe)</option>
                <option value="paypal">PayPal</option>
              </select>
            )}
          </Field>
          <Field label="Chargebacks">
            {(props) => (
              <select {...props} value={draft.dispute} onChange={(e) => set('dispute', e.target.value)}>
                <option value="">All payments</option>
                <option value="any">Ever disputed</option>
                <option value="disputed">Disputed (open)</option>
                <option value="won">Dispute won</option>
                <option value="lost">Dispute lost</option>
              </select>
            )}
          </Field>
          <Field label="Currency">
            {(props) => (
              <CurrencySelect {...props} value={draft.currency} onChange={(c) => set('currency', c)} emptyLabel="Any currency" only={used.data} />
            )}
          </Field>
          {draft.currency ? (
            <>
              <Field label={`Smallest amount (${currency.toUpperCase()})`} error={errors.min}>
                {(props) => <input {...props} inputMode="decimal" value={amounts.min} onChange={(e) => setAmounts((a) => ({ ...a, min: e.target.value }))} />}
              </Field>
              <Field label={`Largest amount (${currency.toUpperCase()})`} error={errors.max}>
                {(props) => <input {...props} inputMode="decimal" value={amounts.max} onChange={(e) => setAmounts((a) => ({ ...a, max: e.target.value }))} />}
              </Field>
            </>
          ) : (
            <p className="muted small filter-note">Choose a currency to filter by amount.</p>
          )}
        </div>
        <fieldset className="status-filter">
          <legend>Status</legend>
          {transactionStatuses.map((s) => (
            <label key={s.value}>
              <input
                type="checkbox"
                checked={draft.status.includes(s.value)}
                onChange={(e) => set('status', e.target.checked ? [...draft.status, s.value] : draft.status.filter((x) => x !== s.value))}
              />{' '}
              {s.label}
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Apply filters
          </button>
          {(hasFilters(filters) || hasFilters(draft)) && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setDraft(noFilters());
                setAmounts({ min: '', max: '' });
                setErrors({});
                onApply(noFilters());
              }}
            >
              Clear filters
            </button>
          )}
        </div>
      </form>
    </details>
  );
}
