import type {
  BalanceTransaction,
  Charge,
  Customer,
  Dispute,
  Invoice,
  PaymentIntent,
  PaymentMethod,
  Price,
  Product,
  Refund,
  StripeEvent,
  StripeObject,
  Subscription,
  WebhookEndpoint,
} from './objects.js';
import { restoreInto } from '../state-file.js';
import type { CardOutcome } from './test-cards.js';

export type KeyKind = 'secret' | 'restricted' | 'publishable';

export interface ApiKey {
  kind: KeyKind;
  livemode: boolean;
  /** The sandbox account the key belongs to: the minted account, or for an unminted key everything after `sk_test_` / `pk_live_` / …. */
  account: string;
}

/** All data of one sandbox account in one mode (test or live), as Stripe keeps them apart. */
export class ModeData {
  readonly customers = new Map<string, Customer>();
  readonly products = new Map<string, Product>();
  readonly prices = new Map<string, Price>();
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  readonly disputes = new Map<string, Dispute>();
  readonly balanceTransactions = new Map<string, BalanceTransaction>();
  readonly paymentMethods = new Map<string, PaymentMethod>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly invoices = new Map<string, Invoice>();
  readonly webhookEndpoints = new Map<string, WebhookEndpoint>();
  readonly events = new Map<string, StripeEvent>();
  /** Signing secrets, kept beside the endpoint: Stripe shows `secret` only at creation. */
  readonly webhookSecrets = new Map<string, string>();
  /** What a test card will do when charged; the card number itself is never kept. */
  readonly cardOutcomes = new Map<string, CardOutcome>();
  /** Refunds that will fail (sandbox ms when they do), for cards whose refunds fail later. */
  readonly refundFailures = new Map<string, number>();
  /** SEPA debits waiting for the bank's answer: PaymentIntent id → when it comes (sandbox ms) and whether it fails. */
  readonly pendingDebits = new Map<string, { at: number; fails: boolean }>();
  /** Invoice ↔ PaymentIntent links (the invoice's `payment_intent` is no longer a public field). */
  readonly invoicePaymentIntent = new Map<string, string>();
  readonly paymentIntentInvoice = new Map<string, string>();

  constructor(
    readonly account: string,
    readonly livemode: boolean,
  ) {}

  /** Finds any object by its id prefix, for `expand[]`. */
  lookup(id: string): StripeObject | undefined {
    const prefix = id.slice(0, id.indexOf('_'));
    const table: Map<string, StripeObject> | undefined = (
      {
        cus: this.customers,
        prod: this.products,
        price: this.prices,
        pi: this.paymentIntents,
        ch: this.charges,
        re: this.refunds,
        dp: this.disputes,
        pm: this.paymentMethods,
        sub: this.subscriptions,
        in: this.invoices,
        we: this.webhookEndpoints,
        evt: this.events,
        txn: this.balanceTransactions,
      } as Record<string, Map<string, StripeObject>>
    )[prefix];
    return table?.get(id);
  }
}

/** In-memory store of every sandbox Stripe account, keyed by account token and mode. */
export class StripeStore {
  private readonly modes = new Map<string, ModeData>();
  /** Keys minted by `POST /__sandbox/stripe/accounts`, each mapped to its account and mode. */
  readonly keys = new Map<string, ApiKey>();
  /**
   * Webhook endpoints may point at loopback and private addresses, which Stripe refuses (the sandbox
   * forwards to them as `stripe listen` would). `PUT /__sandbox/stripe/settings {localWebhooks:false}`
   * makes the stand-in refuse them as Stripe does.
   */
  localWebhooks = true;

  mode(account: string, livemode: boolean): ModeData {
    const key = `${account}:${livemode ? 'live' : 'test'}`;
    let data = this.modes.get(key);
    if (!data) {
      data = new ModeData(account, livemode);
      this.modes.set(key, data);
    }
    return data;
  }

  /** What a restart keeps (start-sandbox.ts `stateFile`): accounts, their objects and keys, the settings. */
  snapshot(): Record<string, unknown> {
    return { modes: this.modes, keys: this.keys, localWebhooks: this.localWebhooks };
  }

  restore(saved: Record<string, unknown>) {
    restoreInto(this, saved);
    for (const data of this.modes.values()) {
      Object.setPrototypeOf(data, ModeData.prototype);
      // A state file written before a table existed lacks it: start that table empty.
      for (const [table, empty] of Object.entries(new ModeData(data.account, data.livemode))) if (!(table in data)) Object.assign(data, { [table]: empty });
    }
  }

  all(): IterableIterator<ModeData> {
    return this.modes.values();
  }

  /** Finds the account holding a PaymentIntent (for the sandbox 3-D Secure page, which has no API key). */
  findPaymentIntent(id: string): { data: ModeData; pi: PaymentIntent } | undefined {
    for (const data of this.modes.values()) {
      const pi = data.paymentIntents.get(id);
      if (pi) return { data, pi };
    }
    return undefined;
  }

  reset(): void {
    this.modes.clear();
    this.keys.clear();
  }

  /** Everything held (for one account, or all), as JSON: tests search it to prove no card number is stored. */
  dump(account?: string): string {
    const out: Record<string, unknown> = {};
    for (const [key, data] of this.modes) {
      if (account !== undefined && data.account !== account) continue;
      const tables: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(data)) {
        if (value instanceof Map) tables[name] = Object.fromEntries(value);
      }
      out[key] = tables;
    }
    return JSON.stringify(out);
  }
}
