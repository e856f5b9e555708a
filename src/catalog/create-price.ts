import { prices, type PriceType } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import { normalizeCurrency } from '../platform/money/currencies.js';
import { newId } from '../platform/tenancy/ids.js';
import { loadProduct } from './load-product.js';
import { priceAmounts } from './price-amounts.js';
import type { Scope } from '../platform/tenancy/scope.js';

export interface PriceInput {
  productId: string;
  type: PriceType;
  currency: string;
  nickname?: string;
  unitAmount?: number;
  maxQuantity?: number;
  minAmount?: number;
  maxAmount?: number;
}

/** A new price of one of the account's active products, in this mode. */
export async function createPrice(tx: Tx, scope: Scope, input: PriceInput) {
  const product = await loadProduct(tx, scope, input.productId);
  if (product.archived) throw new AppError('conflict', 'This product is archived; restore it before adding prices.');
  const currency = normalizeCurrency(input.currency);
  const amounts = priceAmounts({ ...input, currency });
  const [row] = await tx
    .insert(prices)
    .values({
      id: newId('price'),
      accountId: scope.accountId,
      mode: scope.mode,
      productId: product.id,
      nickname: input.nickname?.trim() ?? '',
      type: input.type,
      currency,
      ...amounts,
    })
    .returning();
  return row;
}
