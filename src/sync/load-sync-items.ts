import { sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import type { DisputeStatus, TransactionStatus } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';

/** What was bought in one payment, as stored at payment time. */
export interface PurchasedItem {
  productId: string;
  productName: string;
  nickname: string;
  quantity: number;
  unitAmount: number;
}

/** A buyer as HubSpot should see them: our contact row plus what their payments add up to. */
export interface ContactState {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  hubspotContactId: string | null;
  paymentsCount: number;
  lifetimeValue: Record<string, number>;
  firstPurchaseAt: Date | null;
  /** The currency of the latest successful payment: "total spent" is shown in it. */
  spentCurrency: string | null;
  /** The latest payment HubSpot shows (successful, or failed on a form that syncs failures). */
  latest: { status: TransactionStatus; amount: number; currency: string; at: Date; productNames: string[] } | null;
  /** Every product of the buyer's successful payments, with the catalog's current name. */
  products: { id: string; name: string }[];
  /** The row's updated_at as Postgres prints it (µs): a sync that read an older version is repeated. */
  version: string;
}

/** One payment to bring HubSpot up to date with, read fresh in the tenant scope. */
export interface SyncItem {
  transactionId: string;
  status: TransactionStatus;
  amount: number;
  amountRefunded: number;
  currency: string;
  provider: 'stripe' | 'paypal';
  succeededAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The row's updated_at as Postgres prints it (µs), compared after the write. */
  version: string;
  hubspotDealId: string | null;
  /** Where a chargeback stands, null when never disputed. */
  dispute: DisputeStatus | null;
  items: PurchasedItem[];
  form: { dealPipeline: string | null; dealStage: string | null; refundStage: string | null; syncFailedPayments: boolean };
  contact: ContactState;
  /** The sync's own record of the payment. */
  sync: { dealComplete: boolean; attempts: number; failingSince: Date | null };
}

const successful = sql.raw(`('succeeded', 'partially_refunded', 'refunded')`);

async function rows<T>(tx: Tx, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));

/**
 * Reads the payments with everything their HubSpot records are made of: the payment, its items and
 * form settings, the buyer with their totals, latest payment and products. A handful of queries
 * for the whole batch, in the caller's tenant transaction. Unknown ids are left out.
 */
export async function loadSyncItems(tx: Tx, scope: Scope, transactionIds: string[]): Promise<SyncItem[]> {
  if (transactionIds.length === 0) return [];
  const ids = sql.param(transactionIds);
  // Versions are read with the rows they describe: whatever changes later is caught by comparing them after the write.
  const base = await rows<Record<string, unknown>>(
    tx,
    sql`SELECT t.id, t.status, t.amount, t.amount_refunded, t.currency, t.provider, t.succeeded_at, t.created_at, t.updated_at, t.updated_at::text AS version, t.hubspot_deal_id, t.dispute_status,
               c.id AS contact_id, c.email, c.first_name, c.last_name, c.phone, c.hubspot_contact_id, c.payments_count, c.lifetime_value,
               c.first_purchase_at, c.updated_at::text AS contact_version,
               f.deal_pipeline, f.deal_stage, f.refund_stage, f.sync_failed_payments,
               coalesce(s.deal_complete, false) AS deal_complete, coalesce(s.attempts, 0) AS attempts, s.failing_since
          FROM transactions t
          JOIN contacts c ON c.account_id = t.account_id AND c.id = t.contact_id
          JOIN payment_forms f ON f.account_id = t.account_id AND f.id = t.form_id
          LEFT JOIN hubspot_syncs s ON s.transaction_id = t.id
         WHERE t.account_id = ${scope.accountId} AND t.mode = ${scope.mode} AND t.id = ANY(${ids}::text[])`,
  );
  if (base.length === 0) return [];
  const contactIds = sql.param([...new Set(base.map((r) => r.contact_id as string))]);

  const latest = await rows<{ contact_id: string; id: string; status: TransactionStatus; amount: number; currency: string; at: string; spent_currency: string | null }>(
    tx,
    sql`SELECT DISTINCT ON (t.contact_id) t.contact_id, t.id, t.status, t.amount, t.currency, coalesce(t.succeeded_at, t.created_at) AS at,
               (SELECT p.currency FROM transactions p
                 WHERE p.account_id = t.account_id AND p.contact_id = t.contact_id AND p.status IN ${successful}
                 ORDER BY p.succeeded_at DESC NULLS LAST, p.id DESC LIMIT 1) AS spent_currency
          FROM transactions t JOIN payment_forms f ON f.account_id = t.account_id AND f.id = t.form_id
         WHERE t.account_id = ${scope.accountId} AND t.contact_id = ANY(${contactIds}::text[])
           AND (t.status IN ${successful} OR (t.status = 'failed' AND f.sync_failed_payments))
         ORDER BY t.contact_id, t.created_at DESC, t.id DESC`,
  );
  const itemRows = await rows<{ transaction_id: string; product_id: string; product_name: string; nickname: string; quantity: number; unit_amount: number }>(
    tx,
    sql`SELECT transaction_id, product_id, product_name, nickname, quantity, unit_amount FROM transaction_items
         WHERE account_id = ${scope.accountId} AND transaction_id = ANY(${sql.param([...new Set([...transactionIds, ...latest.map((l) => l.id)])])}::text[])
         ORDER BY transaction_id, position`,
  );
  const products = await rows<{ contact_id: string; product_id: string; name: string }>(
    tx,
    sql`SELECT DISTINCT ON (t.contact_id, i.product_id) t.contact_id, i.product_id, coalesce(p.name, i.product_name) AS name
          FROM transactions t
          JOIN transaction_items i ON i.account_id = t.account_id AND i.transaction_id = t.id
          LEFT JOIN products p ON p.account_id = i.account_id AND p.id = i.product_id
         WHERE t.account_id = ${scope.accountId} AND t.contact_id = ANY(${contactIds}::text[]) AND t.status IN ${successful}
         ORDER BY t.contact_id, i.product_id`,
  );

  const itemsOf = new Map<string, PurchasedItem[]>();
  for (const r of itemRows) {
    const list = itemsOf.get(r.transaction_id) ?? [];
    list.push({ productId: r.product_id, productName: r.product_name, nickname: r.nickname, quantity: r.quantity, unitAmount: r.unit_amount });
    itemsOf.set(r.transaction_id, list);
  }
  const latestOf = new Map(latest.map((l) => [l.contact_id, l]));
  const productsOf = new Map<string, { id: string; name: string }[]>();
  for (const p of products) productsOf.set(p.contact_id, [...(productsOf.get(p.contact_id) ?? []), { id: p.product_id, name: p.name }]);

  const contacts = new Map<string, ContactState>();
  return base.map((r) => {
    const contactId = r.contact_id as string;
    let contact = contacts.get(contactId);
    if (!contact) {
      const last = latestOf.get(contactId);
      contact = {
        id: contactId,
        email: r.email as string,
        firstName: r.first_name as string,
        lastName: r.last_name as string,
        phone: r.phone as string,
        hubspotContactId: (r.hubspot_contact_id as string | null) ?? null,
        paymentsCount: Number(r.payments_count),
        lifetimeValue: (r.lifetime_value as Record<string, number>) ?? {},
        firstPurchaseAt: date(r.first_purchase_at),
        spentCurrency: last?.spent_currency ?? null,
        latest: last
          ? { status: last.status, amount: last.amount, currency: last.currency, at: new Date(last.at), productNames: unique((itemsOf.get(last.id) ?? []).map((i) => i.productName)) }
          : null,
        products: productsOf.get(contactId) ?? [],
        version: r.contact_version as string,
      };
      contacts.set(contactId, contact);
    }
    return {
      transactionId: r.id as string,
      status: r.status as TransactionStatus,
      amount: Number(r.amount),
      amountRefunded: Number(r.amount_refunded),
      currency: r.currency as string,
      provider: r.provider as 'stripe' | 'paypal',
      succeededAt: date(r.succeeded_at),
      createdAt: new Date(r.created_at as string),
      updatedAt: new Date(r.updated_at as string),
      version: r.version as string,
      hubspotDealId: (r.hubspot_deal_id as string | null) ?? null,
      dispute: (r.dispute_status as DisputeStatus | null) ?? null,
      items: itemsOf.get(r.id as string) ?? [],
      form: {
        dealPipeline: (r.deal_pipeline as string | null) ?? null,
        dealStage: (r.deal_stage as string | null) ?? null,
        refundStage: (r.refund_stage as string | null) ?? null,
        syncFailedPayments: Boolean(r.sync_failed_payments),
      },
      contact,
      sync: { dealComplete: Boolean(r.deal_complete), attempts: Number(r.attempts), failingSince: date(r.failing_since) },
    };
  });
}

export const unique = <T>(values: T[]) => [...new Set(values)];
