import { products } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import { newId } from '../platform/tenancy/ids.js';
import type { Scope } from '../platform/tenancy/scope.js';

export interface ProductInput {
  name: string;
  description?: string;
}

/** A product name is trimmed and may not be blank. */
export function productName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError('validation_failed', 'A product needs a name.');
  return trimmed;
}

export async function createProduct(tx: Tx, scope: Scope, input: ProductInput) {
  const [row] = await tx
    .insert(products)
    .values({ id: newId('prod'), accountId: scope.accountId, mode: scope.mode, name: productName(input.name), description: input.description?.trim() ?? '' })
    .returning();
  return row;
}
