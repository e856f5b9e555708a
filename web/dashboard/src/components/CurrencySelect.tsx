import { commonCurrencies, currencies } from '../lib/money.js';
import type { FieldControlProps } from './Field.js';

const others = currencies.filter((c) => !commonCurrencies.includes(c));

/**
 * Every currency the server accepts, the common ones first — or only `only` (the currencies in use,
 * for filters; the chosen one stays listed); `emptyLabel` adds a “none” choice (filters).
 */
export function CurrencySelect({
  value,
  onChange,
  emptyLabel,
  only,
  ...props
}: FieldControlProps & { value: string; onChange: (currency: string) => void; emptyLabel?: string; only?: string[] }) {
  if (only) {
    const listed = value && !only.includes(value) ? [...only, value] : only;
    return (
      <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {listed.map((c) => (
          <option key={c} value={c}>
            {c.toUpperCase()}
          </option>
        ))}
      </select>
    );
  }
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      <optgroup label="Common">
        {commonCurrencies.map((c) => (
          <option key={c} value={c}>
            {c.toUpperCase()}
          </option>
        ))}
      </optgroup>
      <optgroup label="All currencies">
        {others.map((c) => (
          <option key={c} value={c}>
            {c.toUpperCase()}
          </option>
        ))}
      </optgroup>
    </select>
  );
}
