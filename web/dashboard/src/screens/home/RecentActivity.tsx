import { Link } from 'react-router';
import { useTransactions } from '../../api/transactions.js';
import { QueryView } from '../../components/states.js';
import { noFilters } from '../../lib/transaction-filters.js';
import { TotalsBar } from '../transactions/TotalsBar.js';
import { TransactionsTable } from '../transactions/TransactionsTable.js';

const daysAgo = (days: number) => {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The last 30 days of payments (Home loads it with the rest of the page). */
export function useRecentTransactions() {
  return useTransactions({ ...noFilters(), from: daysAgo(30) });
}

/** The last 30 days at a glance: totals and the latest payments. */
export function RecentActivity() {
  const from = daysAgo(30);
  const recent = useRecentTransactions();
  return (
    <section className="card" aria-labelledby="recent-title">
      <div className="card-header">
        <h2 id="recent-title">Last 30 days</h2>
        <Link to={`/transactions?from=${from}`}>All transactions of the period</Link>
      </div>
      <QueryView query={recent} loadingLabel="Loading recent payments…">
        {(data) => {
          const first = data.pages[0];
          if (first.totals.count === 0) return <p className="muted">No payments yet in this period. They appear here as soon as a buyer pays.</p>;
          return (
            <>
              <TotalsBar totals={first.totals} />
              <TransactionsTable transactions={first.data.slice(0, 5)} caption="Latest payments" />
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
