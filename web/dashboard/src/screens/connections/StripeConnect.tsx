import { useState } from 'react';
import { useConnectStripeSandbox, useSandbox } from '../../api/connections.js';
import type { Mode } from '../../api/types.js';
import { InlineError } from '../../components/states.js';
import { StripeKeysForm } from './StripeKeysForm.js';

/** Connect Stripe in a mode: the sandbox account in sandbox mode, your own keys otherwise. */
export function StripeConnect({ mode, connected }: { mode: Mode; connected: boolean }) {
  const sandbox = useSandbox();
  const connectSandbox = useConnectStripeSandbox(mode);
  const [keysForm, setKeysForm] = useState(false);
  if (keysForm) return <StripeKeysForm mode={mode} onDone={() => setKeysForm(false)} />;
  const className = connected ? 'button' : 'button button-primary';
  if (sandbox.data) {
    return (
      <>
        <button type="button" className={className} disabled={connectSandbox.isPending} onClick={() => connectSandbox.mutate(undefined)}>
          {connectSandbox.isPending ? 'Connecting…' : connected ? 'Reconnect to a new sandbox' : 'Use the sandbox'}
        </button>
        <InlineError error={connectSandbox.error} />
      </>
    );
  }
  return (
    <button type="button" className={className} onClick={() => setKeysForm(true)}>
      {connected ? 'Reconnect with new keys' : 'Connect with your keys'}
    </button>
  );
}
