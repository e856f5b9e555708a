import { commonCurrencies, currencies } from '../lib/money.js';
import type { FieldControlProps } from './Field.js';

const others = currencies.filter((c) => !commonCurrencies.includes(c));

/** Every currency the server accepts; the common ones first; `emptyLabel` adds a “none” choice (filters). */
export function CurrencySelect({ value, onChange, emptyLabel, ...props }: FieldControlProps & { value: string; onChange: (currency: string) => void; emptyLabel?: string }) {
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
