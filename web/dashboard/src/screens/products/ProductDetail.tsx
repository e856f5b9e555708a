import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useArchiveProduct, usePrices, useProduct, useUpdateProduct } from '../../api/catalog.js';
import type { Product } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, InlineError, QueryView } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { PriceCreateForm } from './PriceCreateForm.js';
import { PricesTable } from './PricesTable.js';
import { ProductEditForm } from './ProductEditForm.js';

function ProductActions({ product, onEdit }: { product: Product; onEdit: () => void }) {
  const archive = useArchiveProduct(product.id);
  const restore = useUpdateProduct(product.id);
  return (
    <>
      {!product.archived && (
        <button type="button" className="button" onClick={onEdit}>
          Edit
        </button>
      )}
      {product.archived ? (
        <button type="button" className="button" disabled={restore.isPending} onClick={() => restore.mutate({ archived: false })}>
          Restore
        </button>
      ) : (
        <button type="button" className="button" disabled={archive.isPending} onClick={() => archive.mutate(undefined)}>
          Archive
        </button>
      )}
      <InlineError error={archive.error ?? restore.error} />
    </>
  );
}

function ProductPage({ product }: { product: Product }) {
  const canEdit = useCan('admin');
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const prices = usePrices(product.id);
  const addingPrice = canEdit && !product.archived && params.get('newPrice') === '1';
  const setAddingPrice = (on: boolean) => setParams(on ? { newPrice: '1' } : {}, { replace: true });
  return (
    <>
      <PageHeader title={product.name} back={{ to: '/products', label: 'Products' }} actions={canEdit && <ProductActions product={product} onEdit={() => setEditing(true)} />}>
        <p className="muted">
          <StatusBadge status={product.archived ? 'archived' : 'active'} /> {product.description}
        </p>
      </PageHeader>
      {editing && <ProductEditForm product={product} onDone={() => setEditing(false)} />}
      <section aria-labelledby="prices-title">
        <div className="section-header">
          <h2 id="prices-title">Prices</h2>
          {canEdit && !product.archived && !addingPrice && (
            <button type="button" className="button button-primary" onClick={() => setAddingPrice(true)}>
              Add a price
            </button>
          )}
        </div>
        {product.archived && <p className="callout">This product is archived: restore it to add prices or sell it.</p>}
        {addingPrice && <PriceCreateForm productId={product.id} defaultCurrency={prices.data?.[0]?.currency ?? 'usd'} onDone={() => setAddingPrice(false)} />}
        <QueryView
          query={prices}
          loadingLabel="Loading prices…"
          isEmpty={(d) => d.length === 0}
          empty={<Empty title="No prices yet">{canEdit ? 'Add a fixed price, or a custom amount the buyer chooses.' : 'An admin can add prices.'}</Empty>}
        >
          {(data) => <PricesTable prices={data} />}
        </QueryView>
      </section>
    </>
  );
}

export default function ProductDetail() {
  const { productId = '' } = useParams();
  const product = useProduct(productId);
  return (
    <QueryView query={product} loadingLabel="Loading the product…">
      {(data) => <ProductPage product={data} />}
    </QueryView>
  );
}
