import type { TransactionDetail } from '../../api/types.js';
import { formatTimestamp } from '../../lib/dates.js';
import { timelineProblem, timelineWords } from '../../lib/timeline-words.js';

/** What happened to the payment, oldest first: statuses, webhooks, refunds, disputes, HubSpot syncs, receipts. */
export function PaymentTimeline({ transaction }: { transaction: TransactionDetail }) {
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ol className="timeline">
        {transaction.timeline.map((entry, i) => (
          <li key={i} data-kind={entry.kind}>
            <div className="muted small">
              <time dateTime={entry.at}>{formatTimestamp(entry.at)}</time>
            </div>
            <span className={timelineProblem(entry) ? 'timeline-problem' : undefined}>{timelineWords(entry)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
