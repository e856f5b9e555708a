import { useState } from 'react';
import { useRefund } from '../../api/transactions.js';
import type { TransactionDetail } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Field } from '../../components/Field.js';
import { formatMoney, parseMoney, toMajorInput } from '../../lib/money.js';

type Reason = 'requested_by_customer' | 'duplicate' | 'fraudulent';

/** Refund all that is left or part of it, after saying exactly what will happen. */
export function RefundDialog({ transaction, onClose }: { transaction: TransactionDetail; onClose: () => void }) {
  const refund = useRefund(transaction.id);
  const { currency, refundable } = transaction;
  const [kind, setKind] = useState<'full' | 'partial'>('full');
  const [amountText, setAmountText] = useState(toMajorInput(refundable, currency));
  const [reason, setReason] = useState<Reason | ''>('requested_by_customer');
  const parsed = kind === 'full' ? { amount: refundable } : parseMoney(amountText, currency);
  const tooMuch = 'amount' in parsed && parsed.amount > refundable;
  const amountError = 'error' in parsed ? parsed.error : tooMuch ? `At most ${formatMoney(refundable, currency)} can be refunded.` : null;
  return (
    <ConfirmDialog
      open
      title="Refund this payment"
      confirmLabel={'amount' in parsed && !tooMuch ? `Refund ${formatMoney(parsed.amount, currency)}` : 'Refund'}
      danger
      pending={refund.isPending}
      error={refund.error}
      confirmDisabled={amountError !== null}
      onCancel={onClose}
      onConfirm={() => {
        if (!('amount' in parsed) || tooMuch) return;
        refund.mutate({ ...(kind === 'partial' ? { amount: parsed.amount } : {}), ...(reason ? { reason } : {}) }, { onSuccess: onClose });
      }}
    >
      <div className="stack">
        <p>
          {transaction.contact.email} paid {formatMoney(transaction.amount, currency)}; {formatMoney(refundable, currency)} can still be refunded. The money goes back to
          {transaction.provider === 'paypal' ? ' their PayPal account' : ' their card through Stripe'}; this cannot be undone.
        </p>
        <fieldset className="radio-group">
          <legend>How much</legend>
          <label>
            <input type="radio" name="refund-kind" checked={kind === 'full'} onChange={() => setKind('full')} /> Everything left ({formatMoney(refundable, currency)})
          </label>
          <label>
            <input type="radio" name="refund-kind" checked={kind === 'partial'} onChange={() => setKind('partial')} /> Part of it
          </label>
        </fieldset>
        {kind === 'partial' && (
          <Field label={`Amount to refund (${currency.toUpperCase()})`} error={amountError}>
            {(props) => <input {...props} inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.target.value)} autoFocus />}
          </Field>
        )}
        <Field label="Reason">
          {(props) => (
            <select {...props} value={reason} onChange={(e) => setReason(e.target.value as Reason | '')}>
              <option value="requested_by_customer">Requested by the buyer</option>
              <option value="duplicate">Duplicate payment</option>
              <option value="fraudulent">Fraudulent</option>
              <option value="">No reason given</option>
            </select>
          )}
        </Field>
      </div>
    </ConfirmDialog>
  );
}
