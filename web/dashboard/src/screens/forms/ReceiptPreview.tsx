import { useState } from 'react';
import { useReceiptPreview } from '../../api/forms.js';
import type { PaymentForm } from '../../api/types.js';
import { QueryView } from '../../components/states.js';

const languages = [
  ['en', 'English'],
  ['fr', 'Français'],
  ['de', 'Deutsch'],
] as const;

/** The receipt this form's buyers get (a sample: one of each item, by card), in each language the widget speaks. */
export function ReceiptPreview({ form }: { form: PaymentForm }) {
  const [open, setOpen] = useState(false);
  const [language, setLanguage] = useState<(typeof languages)[number][0]>('en');
  const preview = useReceiptPreview(open ? form.id : undefined, language);
  return (
    <section className="card stack" aria-labelledby="receipt-title">
      <h2 id="receipt-title">Receipt</h2>
      <p className="muted">
        {form.sendReceipts ? 'Buyers get this email when they pay, in the language the form showed them, and one for each refund.' : 'Receipts are off for this form.'}
      </p>
      {!open ? (
        <div>
          <button type="button" className="button" onClick={() => setOpen(true)}>
            Preview the receipt
          </button>
        </div>
      ) : (
        <>
          <label>
            Language{' '}
            <select value={language} onChange={(e) => setLanguage(e.target.value as typeof language)}>
              {languages.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <QueryView query={preview} loadingLabel="Loading the preview…">
            {(receipt) => (
              <div className="stack-tight" data-receipt-preview>
                <p>
                  <strong>{receipt.subject}</strong>
                </p>
                <pre className="code-block">{receipt.text}</pre>
              </div>
            )}
          </QueryView>
        </>
      )}
    </section>
  );
}
