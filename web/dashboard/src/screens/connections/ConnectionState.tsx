import type { Connection } from '../../api/types.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { formatDateTime } from '../../lib/dates.js';

const count = (n: number) => n.toLocaleString('en-US');

/** What is stored for one provider in one mode: never a secret, only its masked hint. */
export function ConnectionState({ connection }: { connection: Connection | undefined }) {
  if (!connection?.connected) {
    return (
      <div>
        <StatusBadge status="not_connected" label="Not connected" />
      </div>
    );
  }
  return (
    <div className="stack-tight">
      <span>
        <StatusBadge status="connected" label="Connected" /> {connection.sandbox && <span className="tag">Sandbox</span>}
      </span>
      <dl className="definition-list small">
        {connection.hubspot && (
          <>
            <dt>HubSpot account</dt>
            <dd>
              {connection.hubspot.portalId}
              {connection.hubspot.hubDomain && ` (${connection.hubspot.hubDomain})`} · {connection.hubspot.authType === 'oauth' ? 'OAuth' : 'private app token'}
            </dd>
            {connection.hubspot.usage && (
              <>
                <dt>API usage</dt>
                <dd data-hubspot-usage>
                  {count(connection.hubspot.usage.today)} calls today (UTC) of {count(connection.hubspot.usage.dailyLimit)} · {count(connection.hubspot.usage.inWindow)} in the
                  last {connection.hubspot.usage.intervalMs / 1000} s of {count(connection.hubspot.usage.windowMax)}
                </dd>
              </>
            )}
          </>
        )}
        {connection.hint && connection.hubspot?.authType !== 'oauth' && (
          <>
            <dt>Key</dt>
            <dd>
              <code>{connection.hint}</code>
            </dd>
          </>
        )}
        {connection.publishableKey && (
          <>
            <dt>Publishable key</dt>
            <dd>
              <code>{connection.publishableKey}</code>
            </dd>
          </>
        )}
        <dt>Since</dt>
        <dd>{formatDateTime(connection.updatedAt)}</dd>
      </dl>
    </div>
  );
}
