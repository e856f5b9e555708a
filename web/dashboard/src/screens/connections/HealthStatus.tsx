import { useState } from 'react';
import type { ConnectionHealth, Mode, Provider } from '../../api/types.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { formatDateTime, formatRelative } from '../../lib/dates.js';
import { HealthHistory } from './HealthHistory.js';

const statusWords = { up: 'Working', down: 'Failing', unknown: 'Not checked yet' } as const;

/** What monitoring last found for one connection, and its history on request. */
export function HealthStatus({ provider, mode, health }: { provider: Provider; mode: Mode; health: ConnectionHealth | undefined }) {
  const [open, setOpen] = useState(false);
  const historyId = `health-history-${provider}-${mode}`;
  return (
    <div className="health">
      <p className="health-line">
        <span className="muted">Health: </span>
        <StatusBadge status={health?.status ?? 'unknown'} label={statusWords[health?.status ?? 'unknown']} />
        {health?.since && <span className="small muted"> since {formatRelative(health.since)}</span>}
        {health?.stale && <span className="small muted"> (monitoring has not reported lately)</span>}
      </p>
      {health?.detail && health.status !== 'up' && <p className="small">{health.detail}</p>}
      {health?.checkedAt && <p className="small muted">Last checked {formatDateTime(health.checkedAt)}</p>}
      <button type="button" className="link-button small" aria-expanded={open} aria-controls={historyId} onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide health history' : 'Show health history'}
      </button>
      {open && (
        <div id={historyId}>
          <HealthHistory provider={provider} mode={mode} />
        </div>
      )}
    </div>
  );
}
