import { providerName } from '../../api/connections.js';
import type { Reachability } from '../../api/types.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { formatDateTime } from '../../lib/dates.js';
import { TableFrame } from '../../components/TableFrame.js';

/** Whether this server reaches each provider at all (independent of any account's keys). */
export function ReachabilityCard({ reachability }: { reachability: Reachability[] }) {
  if (reachability.length === 0) return null;
  return (
    <section className="card" aria-labelledby="reachability-title">
      <h2 id="reachability-title">Provider reachability</h2>
      <p className="muted">Whether this OnePagePay server can reach each provider. When a provider a form needs is down, the form tells buyers instead of failing.</p>
      <TableFrame label="Provider reachability">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Status</th>
              <th scope="col">Address</th>
              <th scope="col">Last checked</th>
            </tr>
          </thead>
          <tbody>
            {reachability.map((r) => (
              <tr key={r.provider}>
                <td>{providerName(r.provider)}</td>
                <td>
                  <StatusBadge status={r.status} label={r.status === 'up' ? 'Reachable' : r.status === 'down' ? 'Unreachable' : 'Not checked yet'} />
                </td>
                <td>
                  <code className="small">{r.target}</code>
                </td>
                <td>{formatDateTime(r.checkedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
    </section>
  );
}
