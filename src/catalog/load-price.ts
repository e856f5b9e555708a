import { and, eq } from 'drizzle-orm';
import { prices } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { notFound } from '../platform/http/errors.js';
import type { Scope } from '../platform/tenancy/scope.js';

/** The price in this account and mode, or a 404. */
export async function loadPrice(tx: Tx, scope: Scope, priceId: string, options: { forUpdate?: boolean } = {}) {
  const query = tx
    .select()
    .from(prices)
    .where(and(eq(prices.accountId, scope.accountId), eq(prices.mode, scope.mode), eq(prices.id, priceId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Price');
  return row;
}
