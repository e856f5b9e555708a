import { modes, type Mode } from '../../platform/db/schema.js';
import type { AppContext } from '../../platform/http/types.js';
import { loadConnectionRow } from '../connection-rows.js';
import { down, up, type CheckResult } from '../health-check.js';
import {
  ProviderError,
  type CapturesApprovedPayments,
  type CheckoutOrder,
  type CheckoutPayment,
  type ConnectionContext,
  type ConnectionRow,
  type PaymentConnection,
  type PaymentProviderAdapter,
  type ProviderEvent,
  type ProviderPayment,
  type RefundRequest,
  type WebhookDelivery,
} from '../payment-provider.js';
import { PayPalApiError, paypalApiBase, type PayPalClient } from './paypal-client.js';
import { openPayPalConnection, type PayPalPublicConfig } from './paypal-connection.js';
import { paypalConnector } from './paypal-connector.js';
import { customIdOf, payPalAccepts, toPayPalMoney, toProviderPayment, type PayPalCapture, type PayPalOrder, type PayPalRefund } from './paypal-payment.js';

/** PayPal's idempotency key of one of our payments: the same transaction can only ever make one order (PayPal keeps it about 6 hours). */
export const orderRequestId = (transactionId: string) => `onepagepay-payment-${transactionId}`;
/** PayPal's idempotency key of one of our refunds. */
export const refundRequestId = (refundId: string) => `onepagepay-refund-${refundId}`;

/** PayPal's item names and descriptions are limited to 127 characters. */
const clip = (text: string, max = 127) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Where the PayPal JS SDK is loaded from: PayPal, or the stand-in for a sandbox connection. */
export function paypalJsUrl(sandboxUrls: AppContext['sandboxUrls'], sandbox: boolean): string {
  return sandbox && sandboxUrls ? `${sandboxUrls.paypal}/sdk/js` : 'https://www.paypal.com/sdk/js';
}

/** A merchant's PayPal REST app in one mode, behind the port. */
export class PayPalPaymentConnection implements PaymentConnection, CapturesApprovedPayments {
  readonly provider = 'paypal' as const;

  constructor(
    readonly client: PayPalClient,
    readonly config: PayPalPublicConfig,
    readonly mode: Mode,
    readonly sandbox: boolean,
  ) {}

  private browser(order: { id: string }): CheckoutPayment {
    return { id: order.id, browser: { orderId: order.id } };
  }

  /**
   * A CAPTURE order priced by us: one purchase unit with the items and their total, our claim in
   * `custom_id`, keyed by the transaction (`PayPal-Request-Id`), so a retry gets the same order.
   */
  async startPayment(order: CheckoutOrder): Promise<CheckoutPayment> {
    const { currency } = order;
    if (!payPalAccepts(order.amount, currency) || order.items.some((item) => !payPalAccepts(item.unitAmount, currency))) {
      throw new ProviderError('refused', 'paypal', `PayPal takes whole amounts only in ${currency.toUpperCase()}.`, 'DECIMAL_PRECISION');
    }
    const created = await this.client.request<PayPalOrder>('POST', '/v2/checkout/orders', {
      requestId: orderRequestId(order.transactionId),
      body: {
        intent: 'CAPTURE',
        purchase_units: [
          {
            reference_id: order.transactionId,
            custom_id: customIdOf(order),
            description: clip(order.description),
            amount: { ...toPayPalMoney(order.amount, currency), breakdown: { item_total: toPayPalMoney(order.amount, currency) } },
            items: order.items.map((item) => ({ name: clip(item.name), quantity: String(item.quantity), unit_amount: toPayPalMoney(item.unitAmount, currency) })),
          },
        ],
      },
    });
    return this.browser(created);
  }

  async resumePayment(paymentId: string): Promise<CheckoutPayment> {
    return this.browser(await this.order(paymentId));
  }

  private order(paymentId: string) {
    return this.client.request<PayPalOrder>('GET', `/v2/checkout/orders/${encodeURIComponent(paymentId)}`);
  }

  async readPayment(paymentId: string): Promise<ProviderPayment> {
    return toProviderPayment(await this.order(paymentId));
  }

  /**
   * Captures an approved order. PayPal allows one capture per CAPTURE order, so a second (a
   * concurrent complete, a retry) gets ORDER_ALREADY_CAPTURED and the order is read instead: the
   * money can only be taken once. INSTRUMENT_DECLINED leaves the order approved for the buyer to
   * choose another funding source (`actions.restart()` in the browser).
   */
  async capturePayment(paymentId: string): Promise<ProviderPayment> {
    const order = await this.order(paymentId);
    if (order.status !== 'APPROVED') return toProviderPayment(order);
    try {
      return toProviderPayment(await this.client.request<PayPalOrder>('POST', `/v2/checkout/orders/${encodeURIComponent(paymentId)}/capture`, { body: {} }));
    } catch (err) {
      if (!(err instanceof PayPalApiError)) throw err;
      if (err.issue === 'ORDER_ALREADY_CAPTURED' || err.issue === 'ORDER_NOT_APPROVED') return this.readPayment(paymentId);
      if (err.issue !== 'INSTRUMENT_DECLINED') throw err;
      return {
        ...toProviderPayment(order),
        status: 'failed',
        failure: { code: 'instrument_declined', message: 'PayPal declined this funding source. Please choose another way to pay in PayPal.', ref: err.debugId ?? `${paymentId}:${Date.now()}` },
        awaitingRetry: true,
      };
    }
  }

  /** Refunds the order's capture; our refund id is the refund's `custom_id` and its idempotency key. */
  async refund(paymentId: string, refund: RefundRequest) {
    const payment = await this.readPayment(paymentId);
    if (!payment.chargeId) throw new ProviderError('refused', 'paypal', 'This PayPal order has no capture to refund.', 'NO_CAPTURE');
    const created = await this.client.request<PayPalRefund>('POST', `/v2/payments/captures/${encodeURIComponent(payment.chargeId)}/refund`, {
      requestId: refundRequestId(refund.refundId),
      body: { amount: toPayPalMoney(refund.amount, payment.currency), custom_id: refund.refundId },
    });
    return { id: created.id };
  }

  /** A token call: what every other call needs first, and the cheapest proof the credentials work. */
  async checkHealth(timeoutMs: number): Promise<CheckResult> {
    try {
      await this.client.fetchToken(timeoutMs);
      return up();
    } catch (err) {
      if (!(err instanceof PayPalApiError)) throw err;
      if (err.issue === 'TIMEOUT') return down('timeout', `PayPal did not answer within ${timeoutMs / 1000} s.`);
      if (err.issue === 'UNREACHABLE') return down('unreachable', 'PayPal could not be reached.');
      if (err.status === 401) return down('credentials_refused', 'PayPal refused the client id and secret.');
      if (err.status === 429) return up('rate_limited', 'PayPal is rate-limiting this account.');
      if (err.status >= 500) return down('server_error', `PayPal answered HTTP ${err.status}.`);
      return down('error', `PayPal answered: ${err.message}`);
    }
  }
}

const header = (delivery: WebhookDelivery, name: string) => {
  const value = delivery.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The transmission headers PayPal signs a delivery with (verify-webhook-signature takes them as they came). */
const transmissionHeaders = {
  auth_algo: 'paypal-auth-algo',
  cert_url: 'paypal-cert-url',
  transmission_id: 'paypal-transmission-id',
  transmission_sig: 'paypal-transmission-sig',
  transmission_time: 'paypal-transmission-time',
} as const;

/** A delivery names its signing certificate: only PayPal's own hosts (or the stand-in's, in sandbox mode) can be PayPal's, so nothing else is even sent to verification. */
function certUrlAllowed(certUrl: string, sandboxUrls: AppContext['sandboxUrls']): boolean {
  let url: URL;
  try {
    url = new URL(certUrl);
  } catch {
    return false;
  }
  if (sandboxUrls && url.origin === new URL(sandboxUrls.paypal).origin) return true;
  return url.protocol === 'https:' && (url.hostname === 'paypal.com' || url.hostname.endsWith('.paypal.com'));
}

interface PayPalEvent {
  id: string;
  event_type: string;
  resource_type?: string;
  resource?: Partial<PayPalOrder & PayPalCapture & PayPalRefund> & { links?: { href: string; rel: string }[] };
}

/** The order an event concerns: the order itself, a capture's related order, or a refund's capture's order (read from PayPal). */
async function orderOf(connection: PayPalPaymentConnection, event: PayPalEvent): Promise<string | null> {
  const resource = event.resource;
  if (!resource?.id) return null;
  if (event.resource_type === 'checkout-order') return resource.id;
  if (event.resource_type === 'capture') return resource.supplementary_data?.related_ids?.order_id ?? null;
  if (event.resource_type === 'refund') {
    const captureId = resource.links?.find((l) => l.rel === 'up')?.href.match(/\/v2\/payments\/captures\/([^/?]+)/)?.[1];
    if (!captureId) return null;
    const capture = await connection.client.request<PayPalCapture>('GET', `/v2/payments/captures/${encodeURIComponent(decodeURIComponent(captureId))}`);
    return capture.supplementary_data?.related_ids?.order_id ?? null;
  }
  return null;
}

export const paypalProvider: PaymentProviderAdapter = {
  name: 'paypal',
  connector: paypalConnector,

  open(ctx, row: ConnectionRow) {
    const { client, config } = openPayPalConnection(ctx, row);
    return new PayPalPaymentConnection(client, config, row.mode, row.sandbox);
  },

  /** The token endpoint answers 401 without credentials when PayPal is up. */
  reachabilityUrl(sandboxUrls) {
    return `${sandboxUrls ? sandboxUrls.paypal : paypalApiBase.live}/v1/oauth2/token`;
  },

  /** The capture in PayPal's activity (the sandbox site for test mode); nothing before the money moved. */
  dashboardUrl(mode, { chargeId }) {
    return chargeId ? `https://www.${mode === 'test' ? 'sandbox.' : ''}paypal.com/activity/payment/${chargeId}` : null;
  },

  browserConfig(ctx, row: ConnectionRow) {
    const config = row.publicConfig as unknown as PayPalPublicConfig;
    return { clientId: config.clientId, jsUrl: paypalJsUrl(ctx.sandboxUrls, row.sandbox) };
  },

  /**
   * PayPal's own verification (`POST /v1/notifications/verify-webhook-signature`) with the
   * transmission headers, our webhook's id and the event exactly as received, against each mode's
   * connection: the one PayPal says SUCCESS for gives the mode. Nothing of the body is trusted
   * before that; the order is then read fresh.
   */
  async verifyWebhook(ctx: ConnectionContext, accountId: string, delivery: WebhookDelivery) {
    const headers = Object.fromEntries(Object.entries(transmissionHeaders).map(([field, name]) => [field, header(delivery, name)]));
    if (Object.values(headers).some((value) => !value)) throw new ProviderError('refused', 'paypal', 'Missing PayPal transmission headers.');
    if (!certUrlAllowed(headers.cert_url!, ctx.sandboxUrls)) throw new ProviderError('refused', 'paypal', 'The PayPal certificate URL is not on paypal.com.');
    const raw = delivery.body.toString('utf8');
    let event: PayPalEvent;
    try {
      event = JSON.parse(raw) as PayPalEvent;
    } catch {
      throw new ProviderError('refused', 'paypal', 'The body is not JSON.');
    }
    for (const mode of modes) {
      const row = await loadConnectionRow(ctx, accountId, mode, 'paypal');
      if (!row) continue;
      const connection = paypalProvider.open(ctx, row) as PayPalPaymentConnection;
      // The event goes back byte for byte (spliced in as received): re-serialising it could change what PayPal signed.
      const body = `${JSON.stringify({ ...headers, webhook_id: connection.config.webhookId }).slice(0, -1)},"webhook_event":${raw}}`;
      const { verification_status: status } = await connection.client.request<{ verification_status: string }>('POST', '/v1/notifications/verify-webhook-signature', { body });
      if (status !== 'SUCCESS') continue;
      const verified: ProviderEvent = { id: event.id, type: event.event_type, paymentId: await orderOf(connection, event) };
      return { event: verified, connection };
    }
    throw new ProviderError('refused', 'paypal', 'PayPal did not verify the webhook signature.');
  },
};
