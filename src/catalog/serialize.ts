import type { prices, products } from '../platform/db/schema.js';
import { formatAmount } from '../platform/money/currencies.js';

export type ProductRow = typeof products.$inferSelect;
export type PriceRow = typeof prices.$inferSelect;

export function serializeProduct(row: ProductRow) {
  return {
    id: row.id,
    object: 'product' as const,
    mode: row.mode,
    name: row.name,
    description: row.description,
    archived: row.archived,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function displayPrice(row: PriceRow): string {
  if (row.type === 'fixed') return formatAmount(row.unitAmount!, row.currency);
  return `${formatAmount(row.minAmount!, row.currency)} – ${formatAmount(row.maxAmount!, row.currency)}`;
}

export function serializePrice(row: PriceRow) {
  return {
    id: row.id,
    object: 'price' as const,
    mode: row.mode,
    productId: row.productId,
    nickname: row.nickname,
    type: row.type,
    currency: row.currency,
    unitAmount: row.unitAmount,
    maxQuantity: row.maxQuantity,
    minAmount: row.minAmount,
    maxAmount: row.maxAmount,
    display: displayPrice(row),
    archived: row.archived,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
