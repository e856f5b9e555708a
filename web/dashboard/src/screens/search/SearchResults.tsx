import { Link, Navigate, useSearchParams } from 'react-router';
import { useSearch } from '../../api/transactions.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, QueryView } from '../../components/states.js';

/** Where a hit lives in the dashboard. */
const pathOf = (hit: { kind: 'transaction' | 'contact'; id: string }) => `/${hit.kind === 'transaction' ? 'transactions' : 'contacts'}/${encodeURIComponent(hit.id)}`;

/** The header's search: one exact id goes straight to its page; otherwise the payments and buyers that match. */
export default function SearchResults() {
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const results = useSearch(q);
  if (!q) return <Empty title="Search payments and contacts">Type a payment id, a Stripe or PayPal id, an email or a name in the search box.</Empty>;
  return (
    <>
      <PageHeader title={`Results for “${q}”`} />
      <QueryView query={results} loadingLabel="Searching…" isEmpty={(r) => r.data.length === 0} empty={<Empty title="Nothing found">No payment or contact matches “{q}” in this mode.</Empty>}>
        {(r) => {
          const [only] = r.data;
          if (r.data.length === 1 && only && only.matched !== 'name' && only.matched !== 'email') return <Navigate to={pathOf(only)} replace />;
          return (
            <ul className="stack-tight" aria-label="Search results">
              {r.data.map((hit) => (
                <li key={`${hit.kind}-${hit.id}`}>
                  <Link to={pathOf(hit)}>{hit.label}</Link> <span className="small muted">{hit.kind === 'transaction' ? 'Payment' : 'Contact'} · matched by {hit.matched}</span>
                </li>
              ))}
            </ul>
          );
        }}
      </QueryView>
    </>
  );
}
