import { useState } from 'react';
import { useRetrySync } from '../../api/sync.js';
import type { SyncStatus } from '../../api/types.js';
import { Field } from '../../components/Field.js';
import { InlineError } from '../../components/states.js';

/**
 * Sync a payment again now. When HubSpot refused the buyer's email (and the buyer is not in
 * HubSpot yet), the merchant can correct it first.
 */
export function RetrySync({ status }: { status: SyncStatus }) {
  const retry = useRetrySync();
  const fixable = status.error?.code === 'invalid_email' && !status.hubspot.contactId;
  const [email, setEmail] = useState(status.email);
  return (
    <form
      className="retry-sync"
      aria-label={`Retry the HubSpot sync of ${status.transactionId}`}
      onSubmit={(e) => {
        e.preventDefault();
        retry.mutate({ transactionId: status.transactionId, email: fixable && email.trim() !== status.email ? email.trim() : undefined });
      }}
    >
      {fixable && (
        <Field label="Buyer email for HubSpot" hint="HubSpot refused this address; correct it and retry.">
          {(props) => <input {...props} type="email" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
      )}
      <button type="submit" className="button button-small" disabled={retry.isPending}>
        {retry.isPending ? 'Retrying…' : fixable ? 'Correct and retry' : 'Retry sync'}
      </button>
      <InlineError error={retry.error} />
    </form>
  );
}
