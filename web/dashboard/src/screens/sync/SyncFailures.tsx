import { useState } from 'react';
import { Link } from 'react-router';
import { useRetryAllSyncs, useSyncFailures } from '../../api/sync.js';
import { useCan } from '../../auth/session.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, QueryView } from '../../components/states.js';
import { formatDateTime } from '../../lib/dates.js';
import { formatMoney } from '../../lib/money.js';
import { RetrySync } from './RetrySync.js';
import { TableFrame } from '../../components/TableFrame.js';

/** Payments whose HubSpot sync gave up (after 72 hours of retries, or refused outright), with why; retry one or all. */
export default function SyncFailures() {
  const canRetry = useCan('admin');
  const failures = useSyncFailures();
  const retryAll = useRetryAllSyncs();
  const [confirming, setConfirming] = useState(false);
  const count = failures.data?.pages.reduce((n, p) => n + p.data.length, 0) ?? 0;
  return (
    <>
      <PageHeader
        title="HubSpot sync"
        actions={
          canRetry &&
          count > 0 && (
            <button type="button" className="button button-primary" onClick={() => setConfirming(true)}>
              Retry all
            </button>
          )
        }
      >
        <p className="muted">
          Payments sync to HubSpot on their own, retrying for 72 hours when HubSpot is down or busy. The ones listed here stopped: fix the reason, then retry.
        </p>
      </PageHeader>
      <QueryView
        query={failures}
        loadingLabel="Loading failed syncs…"
        isEmpty={(d) => d.pages[0].data.length === 0}
        empty={<Empty title="No failed syncs">Every payment of this mode reached HubSpot, or is still being retried.</Empty>}
      >
        {(data) => (
          <TableFrame label="Failed HubSpot syncs">
            <table className="table">
              <caption className="visually-hidden">Failed HubSpot syncs</caption>
              <thead>
                <tr>
                  <th scope="col">Payment</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Failed</th>
                  {canRetry && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {data.pages
                  .flatMap((p) => p.data)
                  .map((s) => (
                    <tr key={s.transactionId}>
                      <td>
                        <Link to={`/transactions/${s.transactionId}`}>{formatMoney(s.amount, s.currency)}</Link>
                        <div className="small muted">{s.email}</div>
                      </td>
                      <td>
                        {s.error?.message ?? 'Unknown reason'}
                        <div className="small muted">
                          {s.attempts} attempt{s.attempts === 1 ? '' : 's'}
                          {s.failingSince && ` since ${formatDateTime(s.failingSince)}`}
                        </div>
                      </td>
                      <td className="nowrap">{formatDateTime(s.failedAt)}</td>
                      {canRetry && (
                        <td>
                          <RetrySync status={s} />
                        </td>
                      )}
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableFrame>
        )}
      </QueryView>
      <LoadMore query={failures} />
      <ConfirmDialog
        open={confirming}
        title="Retry every failed sync?"
        confirmLabel="Retry all"
        pending={retryAll.isPending}
        error={retryAll.error}
        onCancel={() => {
          retryAll.reset();
          setConfirming(false);
        }}
        onConfirm={() => retryAll.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      >
        <p>Every failed payment of this mode is sent to HubSpot again. Those that fail again come back here with their reason.</p>
      </ConfirmDialog>
    </>
  );
}
