import { findConnection, useConnections, useSandbox } from '../../api/connections.js';
import { useSyncStatus } from '../../api/sync.js';
import type { TransactionDetail } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { QueryView } from '../../components/states.js';
import { formatDateTime } from '../../lib/dates.js';
import { RetrySync } from '../sync/RetrySync.js';
import { SyncStateBadge } from '../sync/SyncStateBadge.js';

/**
 * A record in HubSpot's app (contacts are object 0-1, deals 0-3); a sandbox portal's records are at
 * the same path on the HubSpot stand-in, whose read-only CRM view serves them.
 */
export const hubspotRecordUrl = (base: string, portalId: string, objectType: '0-1' | '0-3', id: string) => `${base}/contacts/${portalId}/record/${objectType}/${id}`;

function RecordLink({ base, portalId, objectType, id, label }: { base: string | undefined; portalId: string | undefined; objectType: '0-1' | '0-3'; id: string | null; label: string }) {
  if (!id) return <span className="muted">Not in HubSpot yet</span>;
  if (!portalId || !base) return <code>{id}</code>;
  return (
    <a href={hubspotRecordUrl(base, portalId, objectType, id)} target="_blank" rel="noopener noreferrer">
      {label} {id}
      <span className="visually-hidden"> in HubSpot (opens in a new tab)</span>
    </a>
  );
}

/** Where the payment stands in HubSpot: the sync state and its reason, the contact and the deal, and a retry. */
export function HubSpotPanel({ transaction }: { transaction: TransactionDetail }) {
  const canRetry = useCan('admin');
  const connections = useConnections();
  const sync = useSyncStatus(transaction.id);
  const sandbox = useSandbox();
  const connection = connections.data && findConnection(connections.data, 'hubspot', transaction.mode);
  const portalId = connection?.connected ? connection.hubspot?.portalId : undefined;
  // Records of a sandbox portal live in the stand-in, whose CRM view has HubSpot's paths.
  const base = connection?.sandbox ? sandbox.data?.hubspot : 'https://app.hubspot.com';
  return (
    <section className="card" aria-labelledby="hubspot-title">
      <h2 id="hubspot-title">HubSpot</h2>
      {connections.data && !connection?.connected && <p className="muted">HubSpot is not connected in {transaction.mode} mode: payments wait until it is.</p>}
      <QueryView query={sync} loadingLabel="Loading the sync status…">
        {(status) => (
          <div className="stack-tight">
            <p className="sync-state">
              <SyncStateBadge state={status.state} />
              {status.syncedAt && status.state === 'synced' && <span className="small muted"> {formatDateTime(status.syncedAt)}</span>}
              {status.nextAttemptAt && <span className="small muted"> next attempt {formatDateTime(status.nextAttemptAt)}</span>}
            </p>
            {status.error && (
              <p className={status.state === 'failed' ? 'inline-error' : 'small'}>
                {status.error.message}
                {status.attempts > 0 && ` (${status.attempts} attempt${status.attempts === 1 ? '' : 's'})`}
              </p>
            )}
            <dl className="definition-list">
              <dt>Contact</dt>
              <dd>
                <RecordLink base={base} portalId={portalId} objectType="0-1" id={status.hubspot.contactId} label="Contact" />
              </dd>
              <dt>Deal</dt>
              <dd>
                <RecordLink base={base} portalId={portalId} objectType="0-3" id={status.hubspot.dealId} label="Deal" />
              </dd>
            </dl>
            {connection?.connected && connection.sandbox && <p className="muted small">Sandbox portal: the links open the local HubSpot stand-in's CRM view.</p>}
            {canRetry && status.state !== 'not_applicable' && connection?.connected && <RetrySync status={status} />}
          </div>
        )}
      </QueryView>
    </section>
  );
}
