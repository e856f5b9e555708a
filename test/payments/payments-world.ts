import type Stripe from 'stripe';
import { loadStripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import type { Driver } from '../helpers/databases.js';
import { Buyer, createMerchant, merchantStripe, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';

/** A buyer paying under their own email (the default Buyer always pays as ada@example.com). */
export class NamedBuyer extends Buyer {
  constructor(
    world: CheckoutWorld,
    merchant: Merchant,
    readonly email: string,
    ip: string,
  ) {
    super(world, merchant, ip);
  }

  override pay(body: Record<string, unknown>, options: Parameters<Buyer['pay']>[1] = {}) {
    return super.pay({ contact: { email: this.email, firstName: this.email.split('@')[0], lastName: 'Buyer' }, ...body }, options);
  }
}

export interface PaymentsWorld {
  world: CheckoutWorld;
  merchant: Merchant;
  /** The merchant's own Stripe client (the sandbox account's secret key): what the merchant does in Stripe's dashboard. */
  stripe: ReturnType<typeof merchantStripe>;
  buyer(email?: string): NamedBuyer;
  /** Raw SQL as the database owner (test setup and assertions). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The statuses of the HubSpot sync jobs enqueued for a transaction, oldest first. */
  syncJobs(transactionId: string): Promise<string[]>;
  /** Every PaymentIntent at Stripe made for a transaction (our id in its metadata). */
  paymentIntentsFor(transactionId: string): Promise<Stripe.PaymentIntent[]>;
  close(): Promise<void>;
}

/** The checkout world with one merchant (sandbox Stripe, test mode) and buyers from distinct IPs. */
export async function startPaymentsWorld(driver: Driver, env: Record<string, string> = {}): Promise<PaymentsWorld> {
  const world = await startCheckoutWorld(driver, env);
  const merchant = await createMerchant(world.t);
  const connection = await loadStripeConnection(world.t.ctx, merchant.accountId, 'test');
  const stripe = merchantStripe(world, connection!.secretKey);
  const sql = async <T>(text: string, params: unknown[] = []) => (await world.t.ctx.database.query<T>(text, params)).rows;
  let ip = 10;
  return {
    world,
    merchant,
    stripe,
    buyer: (email = 'ada@example.com') => new NamedBuyer(world, merchant, email, `198.51.100.${ip++ % 250}`),
    sql,
    async syncJobs(transactionId) {
      const jobs = await sql<{ status: string }>(
        `SELECT data->>'status' AS status FROM pgboss.job WHERE name = 'hubspot-sync' AND data->>'transactionId' = $1 ORDER BY created_on`,
        [transactionId],
      );
      return jobs.map((j) => j.status);
    },
    async paymentIntentsFor(transactionId) {
      const found: Stripe.PaymentIntent[] = [];
      for await (const pi of stripe.paymentIntents.list({ limit: 100 })) if (pi.metadata?.onepagepay_transaction_id === transactionId) found.push(pi);
      return found;
    },
    close: () => world.close(),
  };
}
