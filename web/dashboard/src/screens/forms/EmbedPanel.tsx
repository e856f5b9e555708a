import type { PaymentForm } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { CopyButton } from '../../components/CopyButton.js';
import { setFlag } from '../../lib/local-flags.js';
import { embedCopiedFlag } from '../../lib/onboarding.js';

/** What the merchant pastes next to the HubSpot form, and the hosted link they can share instead. */
export function EmbedPanel({ form }: { form: PaymentForm }) {
  const me = useSession();
  const copied = () => setFlag(embedCopiedFlag(me.account.id, me.mode));
  return (
    <section className="card stack" aria-labelledby="embed-title">
      <h2 id="embed-title">Put it on your site</h2>
      {form.archived && <p className="callout">This form is archived: it shows buyers a “not available” message until you restore it.</p>}
      <div className="stack">
        <label htmlFor="embed-code">
          <strong>Embed code</strong>, next to a HubSpot form — paste it right after the HubSpot form's embed code.
        </label>
        <textarea id="embed-code" className="code-block" readOnly rows={3} value={form.embedCode} onFocus={(e) => e.currentTarget.select()} />
        <div>
          <CopyButton text={form.embedCode} label="Copy embed code" onCopied={copied} />
        </div>
      </div>
      <p className="muted small">
        Inside a HubSpot form, the buyer pays by card without leaving the page, and then sees the HubSpot form's own thank-you message (or its redirect); this
        form's message below is not shown there.
      </p>
      <div className="stack">
        <label htmlFor="standalone-code">
          <strong>Standalone code</strong>, on a page without a HubSpot form — the widget asks for the buyer's email and name itself, and shows this form's message (or redirect)
          after paying.
        </label>
        <textarea id="standalone-code" className="code-block" readOnly rows={3} value={form.standaloneCode} onFocus={(e) => e.currentTarget.select()} />
        <div>
          <CopyButton text={form.standaloneCode} label="Copy standalone code" />
        </div>
      </div>
      <div className="stack">
        <label htmlFor="hosted-url">
          <strong>Hosted payment link</strong> — a page of its own, to share by email or social media; it shows this form's message (or redirect) after paying.
        </label>
        <input id="hosted-url" className="code-block" readOnly value={form.hostedUrl} onFocus={(e) => e.currentTarget.select()} />
        <div className="form-actions">
          <CopyButton text={form.hostedUrl} label="Copy link" />
          <a className="button" href={form.hostedUrl} target="_blank" rel="noopener noreferrer">
            Open the payment page<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </div>
      </div>
    </section>
  );
}
