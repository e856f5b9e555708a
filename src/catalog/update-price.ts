import { and, eq } from 'drizzle-orm';
import { prices } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { loadPrice } from './load-price.js';
import { priceAmounts } from './price-amounts.js';
import type { Scope } from '../platform/tenancy/scope.js';

export interface PricePatch {
  nickname?: string;
  unitAmount?: number;
  maxQuantity?: number;
  minAmount?: number;
  maxAmount?: number;
  archived?: boolean;
}

/**
 * Changes a price's label, amounts or archived flag. Its product, type and currency are fixed
 * (forms rely on the currency); make a new price instead. Transactions keep the amounts they were paid at.
 * Returns the price before and after the change.
 */
export async function updatePrice(tx: Tx, scope: Scope, priceId: string, patch: PricePatch) {
  const before = await loadPrice(tx, scope, priceId, { forUpdate: true });
  const amounts = priceAmounts({
    type: before.type,
    currency: before.currency,
    unitAmount: patch.unitAmount ?? before.unitAmount,
    maxQuantity: patch.maxQuantity ?? (before.type === 'fixed' ? before.maxQuantity : undefined),
    minAmount: patch.minAmount ?? before.minAmount,
    maxAmount: patch.maxAmount ?? before.maxAmount,
  });
  const [row] = await tx
    .update(prices)
    .set({
      ...amounts,
      ...(patch.nickname !== undefined ? { nickname: patch.nickname.trim() } : {}),
      ...(patch.archived !== undefined ? { archived: patch.archived } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(prices.accountId, scope.accountId), eq(prices.mode, scope.mode), eq(prices.id, priceId)))
    .returning();
  return { before, after: row! };
}
