/** In-memory state of the PayPal stand-in. Amounts are integers in minor units. */

export interface PayPalApp {
  appId: string;
  name: string;
  clientId: string;
  clientSecret: string;
  merchantId: string;
  merchantEmail: string;
}

export interface AccessToken {
  token: string;
  clientId: string;
  expiresAtMs: number;
}

export type BuyerOutcome = 'complete' | 'instrument_declined' | 'capture_declined' | 'pending';

export interface TestBuyer {
  key: string;
  email: string;
  payerId: string;
  givenName: string;
  surname: string;
  outcome: BuyerOutcome;
  /** Shown on the approval page. */
  label: string;
}

export interface OrderUnit {
  referenceId: string;
  currency: string;
  amountMinor: number;
  /** The `amount` object as the merchant sent it (with its breakdown), echoed back. */
  amount: Record<string, unknown>;
  customId?: string;
  invoiceId?: string;
  description?: string;
  softDescriptor?: string;
  items?: unknown[];
  captureIds: string[];
}

export type OrderStatus = 'CREATED' | 'PAYER_ACTION_REQUIRED' | 'APPROVED' | 'COMPLETED' | 'VOIDED';

export interface Order {
  id: string;
  clientId: string;
  intent: 'CAPTURE';
  status: OrderStatus;
  units: OrderUnit[];
  /** The merchant asked for `payment_source.paypal`: the link is `payer-action`, not `approve`. */
  payerActionFlow: boolean;
  returnUrl?: string;
  cancelUrl?: string;
  brandName?: string;
  buyer?: TestBuyer;
  cancelledByBuyer: boolean;
  createdMs: number;
  updatedMs: number;
}

export type CaptureStatus = 'COMPLETED' | 'DECLINED' | 'PENDING' | 'PARTIALLY_REFUNDED' | 'REFUNDED';

export interface Capture {
  id: string;
  orderId: string;
  clientId: string;
  currency: string;
  amountMinor: number;
  refundedMinor: number;
  status: CaptureStatus;
  pendingReason?: string;
  customId?: string;
  invoiceId?: string;
  refundIds: string[];
  createdMs: number;
  updatedMs: number;
}

export interface Refund {
  id: string;
  captureId: string;
  clientId: string;
  currency: string;
  amountMinor: number;
  status: 'COMPLETED';
  invoiceId?: string;
  customId?: string;
  noteToPayer?: string;
  createdMs: number;
  updatedMs: number;
}

export interface Webhook {
  id: string;
  clientId: string;
  url: string;
  eventTypes: string[];
}

export interface WebhookEvent {
  id: string;
  clientId: string;
  body: Record<string, unknown>;
}

export interface Delivery {
  transmissionId: string;
  eventId: string;
  webhookId: string;
  url: string;
  /** The exact bytes sent; verification compares against them. */
  body: string;
  headers: Record<string, string>;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptMs: number;
  lastStatus?: number;
  lastError?: string;
}

export interface IdempotentResponse {
  expiresAtMs: number;
  statusCode: number;
  body: unknown;
}

export class PayPalStore {
  apps = new Map<string, PayPalApp>();
  tokens = new Map<string, AccessToken>();
  orders = new Map<string, Order>();
  captures = new Map<string, Capture>();
  refunds = new Map<string, Refund>();
  webhooks = new Map<string, Webhook>();
  events = new Map<string, WebhookEvent>();
  deliveries = new Map<string, Delivery>();
  idempotency = new Map<string, IdempotentResponse>();

  reset(): void {
    for (const map of [this.apps, this.tokens, this.orders, this.captures, this.refunds, this.webhooks, this.events, this.deliveries, this.idempotency]) {
      map.clear();
    }
  }
}
