import type { ArchivedFilter } from '../api/catalog.js';

const options: Array<{ value: ArchivedFilter; label: string }> = [
  { value: 'active', label: 'Active' },
  { value: 'archived', label: 'Archived' },
  { value: 'all', label: 'All' },
];

/** Active / archived / all, as a labelled radio group styled as tabs. */
export function ArchiveFilter({ value, onChange, label }: { value: ArchivedFilter; onChange: (value: ArchivedFilter) => void; label: string }) {
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{label}</legend>
      {options.map((o) => (
        <label key={o.value} className={value === o.value ? 'segment segment-on' : 'segment'}>
          <input type="radio" name={label} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
