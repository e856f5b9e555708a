import { useState } from 'react';
import { Link } from 'react-router';
import type { ArchivedFilter } from '../../api/catalog.js';
import { useForms } from '../../api/forms.js';
import { useCan } from '../../auth/session.js';
import { ArchiveFilter } from '../../components/ArchiveFilter.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, QueryView } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { formatDate } from '../../lib/dates.js';
import { TableFrame } from '../../components/TableFrame.js';

export default function FormsList() {
  const canEdit = useCan('admin');
  const [filter, setFilter] = useState<ArchivedFilter>('active');
  const forms = useForms(filter);
  const newButton = canEdit && (
    <Link className="button button-primary" to="/forms/new">
      New form
    </Link>
  );
  return (
    <>
      <PageHeader title="Payment forms" actions={newButton}>
        <p className="muted">Each form sits next to a HubSpot form (embed code) or on its own hosted page.</p>
      </PageHeader>
      <ArchiveFilter label="Show forms" value={filter} onChange={setFilter} />
      <QueryView
        query={forms}
        loadingLabel="Loading forms…"
        isEmpty={(d) => d.pages[0].data.length === 0}
        empty={
          <Empty title={filter === 'archived' ? 'No archived forms' : 'No payment forms yet'} action={filter !== 'archived' && newButton}>
            {filter !== 'archived' && !canEdit && 'An admin can create forms.'}
          </Empty>
        }
      >
        {(data) => (
          <TableFrame label="Payment forms">
            <table className="table">
              <caption className="visually-hidden">Payment forms</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Offers</th>
                  <th scope="col">HubSpot form</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {data.pages
                  .flatMap((p) => p.data)
                  .map((form) => (
                    <tr key={form.id}>
                      <td>
                        <Link to={`/forms/${form.id}`}>{form.name}</Link>
                      </td>
                      <td className="truncate">{form.items.map((i) => `${i.product.name} ${i.price.display}`).join(', ')}</td>
                      <td>{form.hubspot.formId ? <code className="small">{form.hubspot.formId}</code> : <span className="muted">Not bound</span>}</td>
                      <td>
                        <StatusBadge status={form.archived ? 'archived' : 'active'} />
                      </td>
                      <td>{formatDate(form.createdAt)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableFrame>
        )}
      </QueryView>
      <LoadMore query={forms} />
    </>
  );
}
