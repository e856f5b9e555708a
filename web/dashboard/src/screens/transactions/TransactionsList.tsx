import { useSearchParams } from 'react-router';
import { useTransactions } from '../../api/transactions.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../../components/states.js';
import { apiQuery, filtersFromParams, hasFilters, paramsFromFilters } from '../../lib/transaction-filters.js';
import { ExportButton } from '../../components/ExportButton.js';
import { RevenuePanel } from './RevenuePanel.js';
import { TotalsBar } from './TotalsBar.js';
import { TransactionFiltersForm } from './TransactionFiltersForm.js';
import { TransactionsTable } from './TransactionsTable.js';

/** The segmentation view: filters in the URL, totals of the filtered set, revenue chart, list, CSV export. */
export default function TransactionsList() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const transactions = useTransactions(filters);
  const first = transactions.data?.pages[0];
  const rows = transactions.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <PageHeader title="Transactions" actions={first && <ExportButton path="/api/v1/transactions/export.csv" query={apiQuery(filters)} expectedRows={first.totals.count} noun="transactions" />}>
        <p className="muted">Every payment attempt in this mode. Filter to segment buyers; totals and the chart follow the filters.</p>
      </PageHeader>
      <TransactionFiltersForm
        key={params.toString()}
        filters={filters}
        defaultCurrency={first?.totals.currencies[0]?.currency ?? 'usd'}
        onApply={(next) => setParams(paramsFromFilters(next))}
      />
      {transactions.isPending && <Loading label="Loading transactions…" />}
      {transactions.isError && <ErrorState error={transactions.error} onRetry={() => transactions.refetch()} />}
      {first && (
        <>
          <TotalsBar totals={first.totals} />
          <RevenuePanel filters={filters} />
          {rows.length === 0 ? (
            <Empty title={hasFilters(filters) ? 'No transactions match these filters' : 'No transactions yet'}>
              {hasFilters(filters) ? 'Change or clear the filters.' : 'Payments made through your forms appear here.'}
            </Empty>
          ) : (
            <TransactionsTable transactions={rows} caption="Transactions" />
          )}
          <LoadMore query={transactions} />
        </>
      )}
    </>
  );
}
