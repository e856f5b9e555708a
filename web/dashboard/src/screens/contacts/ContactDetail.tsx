import { Link, useParams } from 'react-router';
import { useContact } from '../../api/transactions.js';
import type { ContactDetail as Detail } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, QueryView } from '../../components/states.js';
import { formatDate } from '../../lib/dates.js';
import { TransactionsTable } from '../transactions/TransactionsTable.js';
import { contactName, lifetimeValue } from '../../lib/contacts.js';

function ContactPage({ contact }: { contact: Detail }) {
  const { transactions } = contact;
  return (
    <>
      <PageHeader title={contactName(contact) || contact.email} back={{ to: '/contacts', label: 'Contacts' }}>
        <p className="muted">{contact.email}</p>
      </PageHeader>
      <section className="totals" aria-label="Contact totals">
        <div className="total">
          <span className="total-label">Lifetime value</span>
          <span className="total-value">{lifetimeValue(contact)}</span>
        </div>
        <div className="total">
          <span className="total-label">Payments</span>
          <span className="total-value">{contact.paymentsCount}</span>
        </div>
        <div className="total">
          <span className="total-label">First purchase</span>
          <span className="total-value">{formatDate(contact.firstPurchaseAt)}</span>
        </div>
        <div className="total">
          <span className="total-label">Last purchase</span>
          <span className="total-value">{formatDate(contact.lastPurchaseAt)}</span>
        </div>
      </section>
      <section className="card" aria-labelledby="contact-ids">
        <h2 id="contact-ids">Details</h2>
        <dl className="definition-list">
          <dt>Phone</dt>
          <dd>{contact.phone || '—'}</dd>
          <dt>Stripe customer</dt>
          <dd>{contact.stripeCustomerId ? <code>{contact.stripeCustomerId}</code> : '—'}</dd>
          <dt>HubSpot contact</dt>
          <dd>{contact.hubspotContactId ? <code>{contact.hubspotContactId}</code> : <span className="muted">Not synced yet</span>}</dd>
          <dt>First seen</dt>
          <dd>{formatDate(contact.createdAt)}</dd>
        </dl>
      </section>
      <div className="section-header">
        <h2>Transactions</h2>
        {transactions.nextCursor && <Link to={`/transactions?email=${encodeURIComponent(contact.email)}`}>All {transactions.totals.count} transactions</Link>}
      </div>
      {transactions.data.length === 0 ? (
        <Empty title="No transactions" />
      ) : (
        <TransactionsTable transactions={transactions.data} caption={`Transactions of ${contact.email}`} showBuyer={false} />
      )}
    </>
  );
}

export default function ContactDetail() {
  const { contactId = '' } = useParams();
  const contact = useContact(contactId);
  return (
    <QueryView query={contact} loadingLabel="Loading the contact…">
      {(data) => <ContactPage contact={data} />}
    </QueryView>
  );
}
