import { useState } from 'react';
import { useConnectStripe } from '../../api/connections.js';
import type { Mode } from '../../api/types.js';
import { Field } from '../../components/Field.js';
import { InlineError } from '../../components/states.js';

/** Your own Stripe keys for one mode; checked against Stripe by the server before anything is stored. */
export function StripeKeysForm({ mode, onDone }: { mode: Mode; onDone: () => void }) {
  const connect = useConnectStripe(mode);
  const [secretKey, setSecretKey] = useState('');
  const [publishableKey, setPublishableKey] = useState('');
  const prefix = mode === 'test' ? 'test' : 'live';
  return (
    <form
      className="stack"
      aria-label={`Stripe keys for ${mode} mode`}
      onSubmit={(e) => {
        e.preventDefault();
        connect.mutate({ secretKey: secretKey.trim(), publishableKey: publishableKey.trim() }, { onSuccess: onDone });
      }}
    >
      <Field label="Secret key" hint={`sk_${prefix}_… or a restricted key rk_${prefix}_… (Stripe → Developers → API keys). Stored encrypted; never shown again.`}>
        {(props) => <input {...props} type="password" autoComplete="off" required spellCheck={false} value={secretKey} onChange={(e) => setSecretKey(e.target.value)} />}
      </Field>
      <Field label="Publishable key" hint={`pk_${prefix}_…`}>
        {(props) => <input {...props} required spellCheck={false} autoComplete="off" value={publishableKey} onChange={(e) => setPublishableKey(e.target.value)} />}
      </Field>
      <InlineError error={connect.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={connect.isPending}>
          {connect.isPending ? 'Checking the keys with Stripe…' : 'Connect Stripe'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
