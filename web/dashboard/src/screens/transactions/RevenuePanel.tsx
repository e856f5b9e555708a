import { lazy, Suspense, useState } from 'react';
import { useRevenueSummary } from '../../api/transactions.js';
import type { RevenueSummary } from '../../api/types.js';
import { Empty, Loading, QueryView } from '../../components/states.js';
import type { TransactionFilters } from '../../lib/transaction-filters.js';

const RevenueChart = lazy(() => import('./RevenueChart.js'));

/** Revenue over time for the filtered set, per day, week or month; one currency at a time. */
export function RevenuePanel({ filters }: { filters: TransactionFilters }) {
  const [interval, setGrouping] = useState<RevenueSummary['interval']>('day');
  const [chosenCurrency, setCurrency] = useState<string | null>(null);
  const summary = useRevenueSummary(filters, interval);
  return (
    <section className="card" aria-labelledby="revenue-title">
      <div className="card-header">
        <h2 id="revenue-title">Revenue over time</h2>
        <label className="inline-select">
          <span className="visually-hidden">Group by</span>
          <select value={interval} onChange={(e) => setGrouping(e.target.value as RevenueSummary['interval'])}>
            <option value="day">Per day</option>
            <option value="week">Per week</option>
            <option value="month">Per month</option>
          </select>
        </label>
        {summary.data && summary.data.currencies.length > 1 && (
          <label className="inline-select">
            <span className="visually-hidden">Currency</span>
            <select value={chosenCurrency ?? summary.data.currencies[0]} onChange={(e) => setCurrency(e.target.value)}>
              {summary.data.currencies.map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <QueryView
        query={summary}
        loadingLabel="Loading the chart…"
        isEmpty={(s) => s.currencies.length === 0}
        empty={<Empty title="No revenue in this period">Payments that went through appear here.</Empty>}
      >
        {(s) => {
          const currency = chosenCurrency && s.currencies.includes(chosenCurrency) ? chosenCurrency : s.currencies[0];
          return (
            <Suspense fallback={<Loading label="Loading the chart…" />}>
              <RevenueChart summary={s} currency={currency} />
            </Suspense>
          );
        }}
      </QueryView>
    </section>
  );
}
