import { formatAmount } from '../platform/money/currencies.js';
import { escapeHtml } from '../platform/text/escape-html.js';
import type { OutgoingMail } from '../platform/mail/mailer.js';
import { methodWords, type StoredMethod } from '../providers/payment-method-words.js';

export interface ReceiptInput {
  kind: 'payment_receipt' | 'refund_receipt';
  merchantName: string;
  testMode: boolean;
  buyerEmail: string;
  /** The payment's reference (our payment id): what the buyer quotes to the merchant. */
  reference: string;
  currency: string;
  total: number;
  items: { name: string; quantity: number; amount: number }[];
  /** `card` (brand, last 4), `sepa_debit` (last 4), `klarna`, `paypal` (payer email)… */
  method: StoredMethod;
  paidAt: Date;
  refund?: { amount: number; at: Date };
}

const day = (at: Date) => at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * A buyer's receipt for a payment or a refund: the merchant's name, the items, the amounts, how it
 * was paid and the reference, as plain text and as HTML (every value escaped). Nothing secret is in
 * it: no provider id, key or full card number is ever passed in.
 */
export function renderReceipt(input: ReceiptInput): Pick<OutgoingMail, 'subject' | 'text' | 'html'> {
  const money = (amount: number) => formatAmount(amount, input.currency, 'en-US');
  const test = input.testMode ? '[Test] ' : '';
  const paidWith = methodWords(input.method);
  const refund = input.kind === 'refund_receipt' ? input.refund : undefined;
  const subject = refund ? `${test}Your refund from ${input.merchantName}: ${money(refund.amount)}` : `${test}Your receipt from ${input.merchantName}: ${money(input.total)}`;
  const intro = refund
    ? `${input.merchantName} refunded ${money(refund.amount)} of your payment of ${money(input.total)} on ${day(refund.at)}. It can take 5 to 10 business days to reach your account.`
    : `Thank you for your payment of ${money(input.total)} to ${input.merchantName} on ${day(input.paidAt)}.`;
  const rows: Array<[string, string]> = [
    ...input.items.map((i): [string, string] => [i.quantity > 1 ? `${i.name} × ${i.quantity}` : i.name, money(i.amount)]),
    ['Total paid', money(input.total)],
    ...(refund ? [['Refunded', money(refund.amount)] as [string, string]] : []),
  ];
  const facts: Array<[string, string]> = [...(paidWith ? [['Paid with', paidWith] as [string, string]] : []), ['Reference', input.reference]];
  const footer = input.testMode ? 'This is a test: no money moved.' : 'Keep this email for your records.';

  const text = [
    input.merchantName,
    '',
    intro,
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    footer,
    '',
  ].join('\n');

  const cell = 'padding:6px 0;border-bottom:1px solid #e5e7eb';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font:15px/1.5 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1a1f36">
<div style="max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(input.merchantName)}</h1>
<p>${escapeHtml(intro)}</p>
<table role="presentation" style="width:100%;border-collapse:collapse;margin:16px 0">
${rows.map(([label, value]) => `<tr><td style="${cell}">${escapeHtml(label)}</td><td style="${cell};text-align:right">${escapeHtml(value)}</td></tr>`).join('\n')}
</table>
${facts.map(([label, value]) => `<p style="margin:4px 0;color:#4f566b">${escapeHtml(label)}: <strong>${escapeHtml(value)}</strong></p>`).join('\n')}
<p style="margin-top:20px;color:#6b7280;font-size:13px">${escapeHtml(footer)}</p>
</div>
</body></html>`;
  return { subject, text, html };
}
