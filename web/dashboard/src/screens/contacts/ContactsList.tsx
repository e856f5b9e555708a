import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useContacts } from '../../api/transactions.js';
import { ExportButton } from '../../components/ExportButton.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, QueryView } from '../../components/states.js';
import { formatDate } from '../../lib/dates.js';
import { contactName, lifetimeValue } from '../../lib/contacts.js';
import { TableFrame } from '../../components/TableFrame.js';

export default function ContactsList() {
  const [params, setParams] = useSearchParams();
  const email = params.get('email') ?? '';
  const [draft, setDraft] = useState(email);
  const contacts = useContacts(email);
  return (
    <>
      <PageHeader title="Contacts" actions={<ExportButton path="/api/v1/contacts/export.csv" query={email ? { email } : {}} noun="contacts" />}>
        <p className="muted">Everyone who tried to pay in this mode, with what they spent (net of refunds).</p>
      </PageHeader>
      <form
        className="search-row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(draft.trim() ? { email: draft.trim() } : {});
        }}
      >
        <label htmlFor="contact-search">Email (or its beginning)</label>
        <input id="contact-search" type="search" value={draft} maxLength={254} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <QueryView
        query={contacts}
        loadingLabel="Loading contacts…"
        isEmpty={(d) => d.pages[0].data.length === 0}
        empty={<Empty title={email ? `No contact’s email begins with “${email}”` : 'No contacts yet'}>{!email && 'Buyers appear here after their first payment attempt.'}</Empty>}
      >
        {(data) => (
          <TableFrame label="Contacts">
            <table className="table">
              <caption className="visually-hidden">Contacts</caption>
              <thead>
                <tr>
                  <th scope="col">Contact</th>
                  <th scope="col" className="num">
                    Lifetime value
                  </th>
                  <th scope="col" className="num">
                    Payments
                  </th>
                  <th scope="col">Last purchase</th>
                </tr>
              </thead>
              <tbody>
                {data.pages
                  .flatMap((p) => p.data)
                  .map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/contacts/${c.id}`}>{c.email}</Link>
                        {contactName(c) && <div className="small muted">{contactName(c)}</div>}
                      </td>
                      <td className="num">{lifetimeValue(c)}</td>
                      <td className="num">{c.paymentsCount}</td>
                      <td>{formatDate(c.lastPurchaseAt)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableFrame>
        )}
      </QueryView>
      <LoadMore query={contacts} />
    </>
  );
}
