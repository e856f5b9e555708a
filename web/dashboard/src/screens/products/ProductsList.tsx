import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useProducts, type ArchivedFilter } from '../../api/catalog.js';
import { useCan } from '../../auth/session.js';
import { ArchiveFilter } from '../../components/ArchiveFilter.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, QueryView } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { formatDate } from '../../lib/dates.js';
import { ProductCreateForm } from './ProductCreateForm.js';
import { TableFrame } from '../../components/TableFrame.js';

export default function ProductsList() {
  const canEdit = useCan('admin');
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState<ArchivedFilter>('active');
  const creating = canEdit && params.get('new') === '1';
  const setCreating = (on: boolean) => setParams(on ? { new: '1' } : {}, { replace: true });
  const products = useProducts(filter);
  return (
    <>
      <PageHeader
        title="Products"
        actions={
          canEdit &&
          !creating && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              New product
            </button>
          )
        }
      >
        <p className="muted">What you sell, with its prices. Archived products stay on past transactions but cannot be sold.</p>
      </PageHeader>
      {creating && <ProductCreateForm onCancel={() => setCreating(false)} />}
      <ArchiveFilter label="Show products" value={filter} onChange={setFilter} />
      <QueryView
        query={products}
        loadingLabel="Loading products…"
        isEmpty={(d) => d.pages[0].data.length === 0}
        empty={
          <Empty title={filter === 'archived' ? 'No archived products' : 'No products yet'}>
            {filter !== 'archived' && (canEdit ? 'Create your first product to start selling.' : 'An admin can create products.')}
          </Empty>
        }
      >
        {(data) => (
          <TableFrame label="Products">
            <table className="table">
              <caption className="visually-hidden">Products</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Description</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {data.pages
                  .flatMap((p) => p.data)
                  .map((product) => (
                    <tr key={product.id}>
                      <td>
                        <Link to={`/products/${product.id}`}>{product.name}</Link>
                      </td>
                      <td className="muted truncate">{product.description || '—'}</td>
                      <td>
                        <StatusBadge status={product.archived ? 'archived' : 'active'} />
                      </td>
                      <td>{formatDate(product.createdAt)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableFrame>
        )}
      </QueryView>
      <LoadMore query={products} />
    </>
  );
}
