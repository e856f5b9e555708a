import { useState } from 'react';
import { useConnectHubSpotToken } from '../../api/connections.js';
import type { Mode } from '../../api/types.js';
import { Field } from '../../components/Field.js';
import { InlineError } from '../../components/states.js';

/** A HubSpot private app's access token for one mode; checked against HubSpot before it is stored. */
export function HubSpotTokenForm({ mode, onDone }: { mode: Mode; onDone: () => void }) {
  const connect = useConnectHubSpotToken(mode);
  const [token, setToken] = useState('');
  return (
    <form
      className="stack"
      aria-label={`HubSpot private app token for ${mode} mode`}
      onSubmit={(e) => {
        e.preventDefault();
        connect.mutate(token.trim(), { onSuccess: onDone });
      }}
    >
      <Field
        label="Private app access token"
        hint="HubSpot → Settings → Integrations → Private apps; scopes for contacts, deals, line items and forms. Stored encrypted; never shown again."
      >
        {(props) => <input {...props} type="password" autoComplete="off" spellCheck={false} required maxLength={500} value={token} onChange={(e) => setToken(e.target.value)} />}
      </Field>
      <InlineError error={connect.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={connect.isPending}>
          {connect.isPending ? 'Checking the token with HubSpot…' : 'Connect HubSpot'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
