import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { paymentFormItems, prices, products } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';

/** The prices (with their products) each of the given forms offers, in display order, by form id. */
export async function loadFormItems(tx: Tx, scope: Scope, formIds: string[]) {
  const byForm = new Map<string, { price: typeof prices.$inferSelect; product: typeof products.$inferSelect }[]>();
  if (formIds.length === 0) return byForm;
  const rows = await tx
    .select({ formId: paymentFormItems.formId, price: prices, product: products })
    .from(paymentFormItems)
    .innerJoin(prices, and(eq(prices.id, paymentFormItems.priceId), eq(prices.accountId, paymentFormItems.accountId)))
    .innerJoin(products, and(eq(products.id, prices.productId), eq(products.accountId, prices.accountId)))
    .where(and(eq(paymentFormItems.accountId, scope.accountId), eq(paymentFormItems.mode, scope.mode), inArray(paymentFormItems.formId, formIds)))
    .orderBy(asc(paymentFormItems.formId), asc(paymentFormItems.position));
  for (const row of rows) {
    const list = byForm.get(row.formId) ?? [];
    list.push({ price: row.price, product: row.product });
    byForm.set(row.formId, list);
  }
  return byForm;
}

/** Replaces the prices a form offers, keeping the given order. */
export async function saveFormItems(tx: Tx, scope: Scope, formId: string, priceIds: string[]) {
  await tx.delete(paymentFormItems).where(and(eq(paymentFormItems.accountId, scope.accountId), eq(paymentFormItems.mode, scope.mode), eq(paymentFormItems.formId, formId)));
  await tx.insert(paymentFormItems).values(priceIds.map((priceId, position) => ({ accountId: scope.accountId, mode: scope.mode, formId, priceId, position })));
}
