import { minorUnits } from '../platform/money/currencies.js';
import type { TransactionStatus } from '../platform/db/schema.js';
import { hubspotProperties } from '../providers/hubspot/hubspot-properties.js';
import type { ContactState, PurchasedItem, SyncItem } from './load-sync-items.js';
import { unique } from './load-sync-items.js';

/** HubSpot's default deal pipeline and its "Closed won" stage: where deals go unless the form names others. */
export const defaultPipeline = 'default';
export const defaultDealStage = 'closedwon';

/** Line item → deal, HubSpot-defined (PROVIDERS.md). */
export const lineItemToDeal = 20;

/** Minor units as a decimal string in major units, without floating point: 6234 usd → "62.34", 500 jpy → "500". */
export function majorUnits(amount: number, currency: string): string {
  const digits = minorUnits(currency);
  const sign = amount < 0 ? '-' : '';
  const text = String(Math.abs(amount)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

const day = (at: Date) => at.toISOString().slice(0, 10);
const c = hubspotProperties.contact;
const d = hubspotProperties.deal;

/**
 * The contact's properties, all derived from our records so that writing them again is harmless:
 * name (only when we have one, so a name typed into the HubSpot form is not blanked), totals, first
 * and last payment, last product and status, and every product bought (the multi-checkbox takes
 * `;`-separated option values: product ids).
 */
export function contactProperties(contact: ContactState): Record<string, string> {
  const props: Record<string, string> = {
    email: contact.email,
    [c.paymentCount]: String(contact.paymentsCount),
    [c.totalSpent]: contact.spentCurrency ? majorUnits(contact.lifetimeValue[contact.spentCurrency] ?? 0, contact.spentCurrency) : '0',
    [c.firstPaymentDate]: contact.firstPurchaseAt ? day(contact.firstPurchaseAt) : '',
    [c.productsPurchased]: contact.products.map((p) => p.id).sort().join(';'),
  };
  if (contact.firstName) props.firstname = contact.firstName;
  if (contact.lastName) props.lastname = contact.lastName;
  if (contact.phone) props.phone = contact.phone;
  if (contact.latest) {
    props[c.lastPaymentDate] = day(contact.latest.at);
    props[c.lastPaymentAmount] = majorUnits(contact.latest.amount, contact.latest.currency);
    props[c.lastProduct] = contact.latest.productNames.join(', ');
    props[c.lastPaymentStatus] = contact.latest.status;
  }
  return props;
}

/** "T-shirt, Sticker pack – Ada Lovelace" (the buyer's email when we have no name). */
export function dealName(item: SyncItem): string {
  const buyer = [item.contact.firstName, item.contact.lastName].filter(Boolean).join(' ') || item.contact.email;
  const products = unique(item.items.map((i) => i.productName)).join(', ') || 'Payment';
  return `${products.length > 150 ? `${products.slice(0, 149)}…` : products} – ${buyer}`;
}

/** The stage the deal belongs in: the form's refund stage once fully refunded (when set), else its deal stage. */
export function dealStage(item: SyncItem): string {
  if (item.status === 'refunded' && item.form.refundStage) return item.form.refundStage;
  return item.form.dealStage ?? defaultDealStage;
}

/**
 * The deal's properties, upserted by the unique `onepagepay_payment_id` so no retry ever makes a
 * second deal. `amount` is what the merchant keeps (net of refunds). Pipeline and stage are sent when
 * the deal may not exist yet and when a full refund moves it to the refund stage; otherwise they are
 * left as the merchant's team set them.
 */
export function dealProperties(item: SyncItem): Record<string, string> {
  const props: Record<string, string> = {
    [d.paymentId]: item.transactionId,
    dealname: dealName(item),
    amount: majorUnits(item.amount - item.amountRefunded, item.currency),
    deal_currency_code: item.currency.toUpperCase(),
    closedate: (item.succeededAt ?? item.createdAt).toISOString(),
    [d.paymentStatus]: item.status,
    [d.paymentProvider]: item.provider,
  };
  if (item.dispute) props[d.disputeStatus] = item.dispute;
  if (!item.hubspotDealId || (item.status === 'refunded' && item.form.refundStage)) {
    props.pipeline = item.form.dealPipeline ?? defaultPipeline;
    props.dealstage = dealStage(item);
  }
  return props;
}

/** One line item per purchased item: name, quantity, unit price in major units, currency. */
export function lineItemProperties(item: PurchasedItem, currency: string): Record<string, string> {
  return {
    name: item.nickname ? `${item.productName} (${item.nickname})` : item.productName,
    quantity: String(item.quantity),
    price: majorUnits(item.unitAmount, currency),
    hs_line_item_currency_code: currency.toUpperCase(),
  };
}

/** The statuses HubSpot shows: a deal for a successful payment (and its refunds), the contact's last status for a failed one. */
export const shownInHubSpot: ReadonlySet<TransactionStatus> = new Set<TransactionStatus>(['succeeded', 'failed', 'partially_refunded', 'refunded']);

/** Statuses whose payment is recorded as a deal (a failed payment only updates the contact). */
export const hasDeal = (item: SyncItem) => item.status === 'succeeded' || item.status === 'partially_refunded' || item.status === 'refunded';
