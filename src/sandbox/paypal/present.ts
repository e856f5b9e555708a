/** Turns stand-in records into PayPal's JSON representations (decimal strings, links, timestamps). */
import { paypalTime } from './ids.js';
import { money, paypalFee } from './money.js';
import type { Capture, Order, PayPalApp, Refund } from './store.js';
import type { PayPalDeps } from './context.js';

const link = (href: string, rel: string, method = 'GET') => ({ href, rel, method });

export function approvalUrl(base: string, orderId: string): string {
  return `${base}/checkoutnow?token=${orderId}`;
}

export function presentOrder(deps: PayPalDeps, base: string, order: Order) {
  const app = deps.store.apps.get(order.clientId);
  const self = `${base}/v2/checkout/orders/${order.id}`;
  const links = [link(self, 'self')];
  if (order.status === 'CREATED' || order.status === 'PAYER_ACTION_REQUIRED') {
    links.push(link(approvalUrl(base, order.id), order.payerActionFlow ? 'payer-action' : 'approve'));
  }
  if (order.status !== 'COMPLETED' && order.status !== 'VOIDED') {
    links.push(link(self, 'update', 'PATCH'), link(`${self}/capture`, 'capture', 'POST'));
  }
  const buyer = order.buyer;
  return {
    id: order.id,
    intent: order.intent,
    status: order.status,
    ...(buyer
      ? {
          payment_source: {
            paypal: {
              email_address: buyer.email,
              account_id: buyer.payerId,
              account_status: 'VERIFIED',
              name: { given_name: buyer.givenName, surname: buyer.surname },
              address: { country_code: 'US' },
            },
          },
        }
      : {}),
    purchase_units: order.units.map((u) => ({
      reference_id: u.referenceId,
      amount: u.amount,
      payee: payee(app),
      ...(u.description !== undefined ? { description: u.description } : {}),
      ...(u.customId !== undefined ? { custom_id: u.customId } : {}),
      ...(u.invoiceId !== undefined ? { invoice_id: u.invoiceId } : {}),
      ...(u.softDescriptor !== undefined ? { soft_descriptor: u.softDescriptor } : {}),
      ...(u.items !== undefined ? { items: u.items } : {}),
      ...(u.captureIds.length ? { payments: presentPayments(deps, base, u.captureIds) } : {}),
    })),
    ...(buyer
      ? { payer: { name: { given_name: buyer.givenName, surname: buyer.surname }, email_address: buyer.email, payer_id: buyer.payerId, address: { country_code: 'US' } } }
      : {}),
    create_time: paypalTime(order.createdMs),
    ...(order.updatedMs !== order.createdMs ? { update_time: paypalTime(order.updatedMs) } : {}),
    links,
  };
}

/** A unit's `payments`: its captures and, as PayPal shows them on the order, the refunds of those captures. */
function presentPayments(deps: PayPalDeps, base: string, captureIds: string[]) {
  const captures = captureIds.map((id) => deps.store.captures.get(id)!);
  const refunds = captures.flatMap((capture) => capture.refundIds.map((id) => presentRefund(deps, base, deps.store.refunds.get(id)!)));
  return { captures: captures.map((capture) => presentCapture(deps, base, capture, false)), ...(refunds.length ? { refunds } : {}) };
}

const payee = (app: PayPalApp | undefined) => ({ email_address: app?.merchantEmail, merchant_id: app?.merchantId });

/** A capture; `standalone` adds what `GET /v2/payments/captures/{id}` shows beyond the order's copy. */
export function presentCapture(deps: PayPalDeps, base: string, capture: Capture, standalone: boolean) {
  const self = `${base}/v2/payments/captures/${capture.id}`;
  const settled = capture.status !== 'DECLINED' && capture.status !== 'PENDING';
  const fee = paypalFee(capture.amountMinor, capture.currency);
  return {
    id: capture.id,
    status: capture.status,
    ...(capture.pendingReason ? { status_details: { reason: capture.pendingReason } } : {}),
    amount: money(capture.amountMinor, capture.currency),
    final_capture: true,
    disbursement_mode: 'INSTANT',
    seller_protection: { status: 'ELIGIBLE', dispute_categories: ['ITEM_NOT_RECEIVED', 'UNAUTHORIZED_TRANSACTION'] },
    ...(settled
      ? {
          seller_receivable_breakdown: {
            gross_amount: money(capture.amountMinor, capture.currency),
            paypal_fee: money(fee, capture.currency),
            net_amount: money(capture.amountMinor - fee, capture.currency),
          },
        }
      : {}),
    ...(capture.invoiceId !== undefined ? { invoice_id: capture.invoiceId } : {}),
    ...(capture.customId !== undefined ? { custom_id: capture.customId } : {}),
    ...(standalone ? { supplementary_data: { related_ids: { order_id: capture.orderId } }, payee: payee(deps.store.apps.get(capture.clientId)) } : {}),
    links: [
      link(self, 'self'),
      ...(settled && capture.status !== 'REFUNDED' ? [link(`${self}/refund`, 'refund', 'POST')] : []),
      link(`${base}/v2/checkout/orders/${capture.orderId}`, 'up'),
    ],
    create_time: paypalTime(capture.createdMs),
    update_time: paypalTime(capture.updatedMs),
  };
}

export function presentRefund(deps: PayPalDeps, base: string, refund: Refund) {
  const capture = deps.store.captures.get(refund.captureId);
  const app = deps.store.apps.get(refund.clientId);
  const fee = Math.round((refund.amountMinor * 349) / 10_000);
  return {
    id: refund.id,
    amount: money(refund.amountMinor, refund.currency),
    seller_payable_breakdown: {
      gross_amount: money(refund.amountMinor, refund.currency),
      paypal_fee: money(fee, refund.currency),
      net_amount: money(refund.amountMinor - fee, refund.currency),
      total_refunded_amount: money(capture?.refundedMinor ?? refund.amountMinor, refund.currency),
    },
    ...(refund.invoiceId !== undefined ? { invoice_id: refund.invoiceId } : {}),
    ...(refund.customId !== undefined ? { custom_id: refund.customId } : {}),
    ...(refund.noteToPayer !== undefined ? { note_to_payer: refund.noteToPayer } : {}),
    status: refund.status,
    payer: { email_address: app?.merchantEmail, merchant_id: app?.merchantId },
    create_time: paypalTime(refund.createdMs),
    update_time: paypalTime(refund.updatedMs),
    links: [link(`${base}/v2/payments/refunds/${refund.id}`, 'self'), link(`${base}/v2/payments/captures/${refund.captureId}`, 'up')],
  };
}
