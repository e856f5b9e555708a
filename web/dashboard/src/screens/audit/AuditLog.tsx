import { useAuditLog } from '../../api/audit.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, QueryView } from '../../components/states.js';
import { formatDateTime } from '../../lib/dates.js';
import { describeAuditEntry } from './describe-audit-entry.js';
import { TableFrame } from '../../components/TableFrame.js';

export default function AuditLog() {
  const log = useAuditLog();
  return (
    <>
      <PageHeader title="Audit log">
        <p className="muted">Who did what, and when, in this account (both modes). Newest first.</p>
      </PageHeader>
      <QueryView query={log} loadingLabel="Loading the audit log…" isEmpty={(d) => d.pages[0].data.length === 0} empty={<Empty title="Nothing recorded yet" />}>
        {(data) => (
          <TableFrame label="Audit log">
            <table className="table">
              <caption className="visually-hidden">Audit log</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">IP address</th>
                </tr>
              </thead>
              <tbody>
                {data.pages
                  .flatMap((p) => p.data)
                  .map((entry) => (
                    <tr key={entry.id}>
                      <td className="nowrap">{formatDateTime(entry.createdAt)}</td>
                      <td>{entry.actor ?? <span className="muted">System</span>}</td>
                      <td>{describeAuditEntry(entry)}</td>
                      <td className="muted">{entry.ip ?? '—'}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableFrame>
        )}
      </QueryView>
      <LoadMore query={log} />
    </>
  );
}
