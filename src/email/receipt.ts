import { formatAmount } from '../platform/money/currencies.js';
import { escapeHtml } from '../platform/text/escape-html.js';
import type { OutgoingMail } from '../platform/mail/mailer.js';
import { methodWords, type StoredMethod } from '../providers/payment-method-words.js';

import type { BuyerLanguage } from '../platform/db/schema.js';

export type ReceiptLanguage = BuyerLanguage;

export interface ReceiptInput {
  kind: 'payment_receipt' | 'refund_receipt';
  /** The language the buyer saw the form in. */
  language: ReceiptLanguage;
  merchantName: string;
  testMode: boolean;
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

interface Words {
  locale: string;
  test: string;
  subjectPaid: (merchant: string, amount: string) => string;
  subjectRefund: (merchant: string, amount: string) => string;
  introPaid: (total: string, merchant: string, day: string) => string;
  introRefund: (merchant: string, refund: string, total: string, day: string) => string;
  totalPaid: string;
  refunded: string;
  paidWith: string;
  reference: string;
  testFooter: string;
  footer: string;
}

const words: Record<ReceiptLanguage, Words> = {
  en: {
    locale: 'en-US',
    test: '[Test] ',
    subjectPaid: (m, a) => `Your receipt from ${m}: ${a}`,
    subjectRefund: (m, a) => `Your refund from ${m}: ${a}`,
    introPaid: (t, m, d) => `Thank you for your payment of ${t} to ${m} on ${d}.`,
    introRefund: (m, r, t, d) => `${m} refunded ${r} of your payment of ${t} on ${d}. It can take 5 to 10 business days to reach your account.`,
    totalPaid: 'Total paid',
    refunded: 'Refunded',
    paidWith: 'Paid with',
    reference: 'Reference',
    testFooter: 'This is a test: no money moved.',
    footer: 'Keep this email for your records.',
  },
  fr: {
    locale: 'fr-FR',
    test: '[Test] ',
    subjectPaid: (m, a) => `Votre reçu de ${m} : ${a}`,
    subjectRefund: (m, a) => `Votre remboursement de ${m} : ${a}`,
    introPaid: (t, m, d) => `Merci pour votre paiement de ${t} à ${m} le ${d}.`,
    introRefund: (m, r, t, d) => `${m} vous a remboursé ${r} sur votre paiement de ${t} le ${d}. Le montant peut mettre 5 à 10 jours ouvrés à arriver sur votre compte.`,
    totalPaid: 'Total payé',
    refunded: 'Remboursé',
    paidWith: 'Payé avec',
    reference: 'Référence',
    testFooter: 'Ceci est un test : aucun argent n’a été débité.',
    footer: 'Conservez cet e-mail pour vos dossiers.',
  },
  de: {
    locale: 'de-DE',
    test: '[Test] ',
    subjectPaid: (m, a) => `Ihre Quittung von ${m}: ${a}`,
    subjectRefund: (m, a) => `Ihre Erstattung von ${m}: ${a}`,
    introPaid: (t, m, d) => `Vielen Dank für Ihre Zahlung von ${t} an ${m} am ${d}.`,
    introRefund: (m, r, t, d) => `${m} hat Ihnen am ${d} ${r} Ihrer Zahlung von ${t} erstattet. Es kann 5 bis 10 Werktage dauern, bis der Betrag auf Ihrem Konto ist.`,
    totalPaid: 'Gesamt bezahlt',
    refunded: 'Erstattet',
    paidWith: 'Bezahlt mit',
    reference: 'Referenz',
    testFooter: 'Dies ist ein Test: Es wurde kein Geld bewegt.',
    footer: 'Bewahren Sie diese E-Mail für Ihre Unterlagen auf.',
  },
};

/**
 * A buyer's receipt for a payment or a refund, in their language: the merchant's name, the items, the
 * amounts, how it was paid and the reference, as plain text and as HTML (every value escaped). Nothing
 * secret is in it: no provider id, key or full card number is ever passed in.
 */
export function renderReceipt(input: ReceiptInput): Pick<OutgoingMail, 'subject' | 'text' | 'html'> {
  const w = words[input.language] ?? words.en;
  const money = (amount: number) => formatAmount(amount, input.currency, w.locale);
  const day = (at: Date) => at.toLocaleDateString(w.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const test = input.testMode ? w.test : '';
  const paidWith = methodWords(input.method);
  const refund = input.kind === 'refund_receipt' ? input.refund : undefined;
  const subject = test + (refund ? w.subjectRefund(input.merchantName, money(refund.amount)) : w.subjectPaid(input.merchantName, money(input.total)));
  const intro = refund ? w.introRefund(input.merchantName, money(refund.amount), money(input.total), day(refund.at)) : w.introPaid(money(input.total), input.merchantName, day(input.paidAt));
  const rows: Array<[string, string]> = [
    ...input.items.map((i): [string, string] => [i.quantity > 1 ? `${i.name} × ${i.quantity}` : i.name, money(i.amount)]),
    [w.totalPaid, money(input.total)],
    ...(refund ? [[w.refunded, money(refund.amount)] as [string, string]] : []),
  ];
  const facts: Array<[string, string]> = [...(paidWith ? [[w.paidWith, paidWith] as [string, string]] : []), [w.reference, input.reference]];
  const footer = input.testMode ? w.testFooter : w.footer;

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
<html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
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
