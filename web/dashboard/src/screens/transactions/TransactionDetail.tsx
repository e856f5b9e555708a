import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTransaction } from '../../api/transactions.js';
import type { TransactionDetail as Detail } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { disputeLabel } from '../../lib/disputes.js';
import { contactName, lifetimeValue } from '../../lib/contacts.js';
import { formatDateTime } from '../../lib/dates.js';
import { formatMoney } from '../../lib/money.js';
import { HubSpotPanel } from './HubSpotPanel.js';
import { LineItems } from './LineItems.js';
import { PaymentAmounts } from './PaymentAmounts.js';
import { PaymentTimeline } from './PaymentTimeline.js';
import { ProviderIds } from './ProviderIds.js';
import { RefundDialog } from './RefundDialog.js';
import { RefundsList } from './RefundsList.js';

function TransactionPage({ transaction }: { transaction: Detail }) {
  const canRefund = useCan('admin') && transaction.refundable > 0;
  const [refunding, setRefunding] = useState(false);
  const { contact, currency } = transaction;
  const fields = Object.entries(transaction.hubspotFields);
  return (
    <>
      <PageHeader
        title={`${formatMoney(transaction.amount, currency)} from ${contact.email}`}
        back={{ to: '/transactions', label: 'Transactions' }}
        actions={
          canRefund && (
            <button type="button" className="button" onClick={() => setRefunding(true)}>
              Refund
            </button>
          )
        }
      >
        <p>
          <StatusBadge status={transaction.status} />{' '}
          {transaction.dispute && <StatusBadge status={transaction.dispute} label={disputeLabel[transaction.dispute]} />}{' '}
          <span className="muted">{formatDateTime(transaction.createdAt)}</span> · <code>{transaction.id}</code>
          {transaction.paymentMethod && (
            <>
              {' '}
              · <span data-payment-method>Paid with {transaction.paymentMethod.label}</span>
            </>
          )}
        </p>
        {transaction.failureMessage && (
          <p className="inline-error">
            {transaction.failureMessage}
            {transaction.failureCode && ` (${transaction.failureCode})`}
          </p>
        )}
      </PageHeader>
      <div className="grid-2">
        <div>
          <section className="card" aria-labelledby="items-title">
            <h2 id="items-title">Line items</h2>
            <LineItems transaction={transaction} />
          </section>
          {transaction.refunds.length > 0 && (
            <section className="card" aria-labelledby="refunds-title">
              <h2 id="refunds-title">Refunds</h2>
              <RefundsList refunds={transaction.refunds} provider={transaction.provider} />
            </section>
          )}
          <PaymentTimeline transaction={transaction} />
          {fields.length > 0 && (
            <section className="card" aria-labelledby="fields-title">
              <h2 id="fields-title">HubSpot form fields</h2>
              <dl className="definition-list">
                {fields.map(([name, value]) => (
                  <div key={name} className="contents">
                    <dt>{name}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            </section>
          )}
        </div>
        <div>
          <PaymentAmounts transaction={transaction} />
          <section className="card" aria-labelledby="buyer-title">
            <h2 id="buyer-title">Buyer</h2>
            <p>
              <Link to={`/contacts/${contact.id}`}>{contactName(contact) || contact.email}</Link>
              <br />
              <span className="muted">{contact.email}</span>
            </p>
            <p className="small muted">
              {contact.paymentsCount} payment{contact.paymentsCount === 1 ? '' : 's'} · lifetime value {lifetimeValue(contact)}
            </p>
          </section>
          <HubSpotPanel transaction={transaction} />
          <ProviderIds transaction={transaction} />
        </div>
      </div>
      {refunding && <RefundDialog transaction={transaction} onClose={() => setRefunding(false)} />}
    </>
  );
}

export default function TransactionDetail() {
  const { transactionId = '' } = useParams();
  const transaction = useTransaction(transactionId);
  return (
    <QueryView query={transaction} loadingLabel="Loading the transaction…">
      {(data) => <TransactionPage transaction={data} />}
    </QueryView>
  );
}
