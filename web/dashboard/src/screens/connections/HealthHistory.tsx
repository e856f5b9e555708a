import { useHealthHistory } from '../../api/health.js';
import type { Mode, Provider } from '../../api/types.js';
import { LoadMore } from '../../components/LoadMore.js';
import { Empty, QueryView } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { formatDateTime } from '../../lib/dates.js';

/** A connection's up and down periods from monitoring, newest first. */
export function HealthHistory({ provider, mode }: { provider: Provider; mode: Mode }) {
  const history = useHealthHistory(provider, mode);
  return (
    <div className="health-history">
      <QueryView
        query={history}
        loadingLabel="Loading the health history…"
        isEmpty={(d) => d.pages[0].data.length === 0}
        empty={<Empty title="No checks recorded yet">The monitor checks each connection every few seconds to minutes; come back shortly.</Empty>}
      >
        {(data) => (
          <ol className="timeline">
            {data.pages
              .flatMap((p) => p.data)
              .map((period) => (
                <li key={period.id}>
                  <StatusBadge status={period.status} />{' '}
                  <span className="small">
                    {formatDateTime(period.startedAt)} – {period.endedAt ? formatDateTime(period.endedAt) : 'now'}
                  </span>
                  {period.detail && <div className="muted small">{period.detail}</div>}
                </li>
              ))}
          </ol>
        )}
      </QueryView>
      <LoadMore query={history} />
    </div>
  );
}
