import { useState } from 'react';
import { useConnectPayPal, useConnectPayPalSandbox, useSandbox } from '../../api/connections.js';
import type { Mode } from '../../api/types.js';
import { Field } from '../../components/Field.js';
import { InlineError } from '../../components/states.js';

/** A PayPal REST app's client id and secret for one mode; checked with PayPal by the server before anything is stored. */
function PayPalAppForm({ mode, onDone }: { mode: Mode; onDone: () => void }) {
  const connect = useConnectPayPal(mode);
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const kind = mode === 'test' ? 'a Sandbox' : 'a Live';
  return (
    <form
      className="stack"
      aria-label={`PayPal app for ${mode} mode`}
      onSubmit={(e) => {
        e.preventDefault();
        connect.mutate({ clientId: clientId.trim(), clientSecret: clientSecret.trim() }, { onSuccess: onDone });
      }}
    >
      <Field label="Client ID" hint={`Of ${kind} REST app (PayPal Developer → Apps & Credentials).`}>
        {(props) => <input {...props} required spellCheck={false} autoComplete="off" value={clientId} onChange={(e) => setClientId(e.target.value)} />}
      </Field>
      <Field label="Secret" hint="Stored encrypted; never shown again.">
        {(props) => <input {...props} type="password" autoComplete="off" required spellCheck={false} value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} />}
      </Field>
      <InlineError error={connect.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={connect.isPending}>
          {connect.isPending ? 'Checking the app with PayPal…' : 'Connect PayPal'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Connect PayPal in a mode: a sandbox app in sandbox mode, your own REST app otherwise. */
export function PayPalConnect({ mode, connected }: { mode: Mode; connected: boolean }) {
  const sandbox = useSandbox();
  const connectSandbox = useConnectPayPalSandbox(mode);
  const [appForm, setAppForm] = useState(false);
  if (appForm) return <PayPalAppForm mode={mode} onDone={() => setAppForm(false)} />;
  const className = connected ? 'button' : 'button button-primary';
  if (sandbox.data) {
    return (
      <>
        <button type="button" className={className} disabled={connectSandbox.isPending} onClick={() => connectSandbox.mutate(undefined)}>
          {connectSandbox.isPending ? 'Connecting…' : connected ? 'Reconnect to a new sandbox app' : 'Use the sandbox'}
        </button>
        <InlineError error={connectSandbox.error} />
      </>
    );
  }
  return (
    <button type="button" className={className} onClick={() => setAppForm(true)}>
      {connected ? 'Reconnect with another app' : 'Connect your PayPal app'}
    </button>
  );
}
