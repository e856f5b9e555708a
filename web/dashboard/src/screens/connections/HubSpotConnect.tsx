import { useState } from 'react';
import { useConnectSandbox, useSandbox, useStartHubSpotOAuth } from '../../api/connections.js';
import type { Mode } from '../../api/types.js';
import { InlineError } from '../../components/states.js';
import { HubSpotTokenForm } from './HubSpotTokenForm.js';

/** The three ways to connect HubSpot in a mode: OAuth, a private app token, or (sandbox mode) a stand-in portal. */
export function HubSpotConnect({ mode, connected }: { mode: Mode; connected: boolean }) {
  const sandbox = useSandbox();
  const connectSandbox = useConnectSandbox('hubspot', mode);
  const startOAuth = useStartHubSpotOAuth(mode);
  const [tokenForm, setTokenForm] = useState(false);
  if (tokenForm) return <HubSpotTokenForm mode={mode} onDone={() => setTokenForm(false)} />;
  const primary = connected ? 'button' : 'button button-primary';
  return (
    <>
      {sandbox.data && (
        <button type="button" className={primary} disabled={connectSandbox.isPending} onClick={() => connectSandbox.mutate(undefined)}>
          {connectSandbox.isPending ? 'Connecting…' : connected ? 'Reconnect to a new sandbox portal' : 'Use the sandbox'}
        </button>
      )}
      <button
        type="button"
        className={sandbox.data ? 'button' : primary}
        disabled={startOAuth.isPending}
        onClick={() => startOAuth.mutate('/connections', { onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl) })}
      >
        {startOAuth.isPending ? 'Opening HubSpot…' : connected ? 'Reconnect with HubSpot' : 'Connect with HubSpot'}
      </button>
      <button type="button" className="button" onClick={() => setTokenForm(true)}>
        Use a private app token
      </button>
      <InlineError error={connectSandbox.error ?? startOAuth.error} />
    </>
  );
}
