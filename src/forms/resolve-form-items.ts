import { and, eq, inArray } from 'drizzle-orm';
import { normalizeCurrency } from '../platform/money/currencies.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { prices, products, type FormSelection } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';

const invalid = (message: string) => new AppError('validation_failed', message);

export interface ResolveItemsInput {
  priceIds: string[];
  selection: FormSelection;
  /** The form's currency; when absent, the offered prices' shared currency. */
  currency?: string;
  /** Prices already on the form: they may stay even if archived since (they show as unavailable). */
  keep?: ReadonlySet<string>;
}

/**
 * Checks the prices a form offers and returns the form's currency:
 * every price exists in this account and mode (otherwise 404 — another account's or mode's price
 * does not exist here), none is offered twice, newly added ones are not archived (nor their product),
 * all share the form's currency, at most one is a custom amount, and the selection fits the count.
 */
export async function resolveFormItems(tx: Tx, scope: Scope, input: ResolveItemsInput): Promise<string> {
  const { priceIds, selection } = input;
  if (priceIds.length === 0) throw invalid('A form offers at least one price.');
  if (new Set(priceIds).size !== priceIds.length) throw invalid('A price is offered only once per form.');
  if (selection === 'fixed' && priceIds.length !== 1) throw invalid("selection 'fixed' offers exactly one price; use 'pick_one' or 'pick_many' for several.");
  if (selection !== 'fixed' && priceIds.length < 2) throw invalid(`selection '${selection}' needs at least two prices; use 'fixed' for one.`);

  const rows = await tx
    .select({ price: prices, productArchived: products.archived })
    .from(prices)
    .innerJoin(products, and(eq(products.id, prices.productId), eq(products.accountId, prices.accountId), eq(products.mode, prices.mode)))
    .where(and(eq(prices.accountId, scope.accountId), eq(prices.mode, scope.mode), inArray(prices.id, priceIds)));
  const byId = new Map(rows.map((r) => [r.price.id, r]));
  const missing = priceIds.find((id) => !byId.has(id));
  if (missing) throw new AppError('not_found', `Price ${missing} not found.`);

  const currency = input.currency ? normalizeCurrency(input.currency) : byId.get(priceIds[0])!.price.currency;
  for (const id of priceIds) {
    const { price, productArchived } = byId.get(id)!;
    if (!input.keep?.has(id) && (price.archived || productArchived)) {
      throw invalid(`Price ${id} is archived (or its product is) and cannot be added to a form.`);
    }
    if (price.currency !== currency) {
      throw invalid(`All prices on a form share its currency (${currency.toUpperCase()}); price ${id} is in ${price.currency.toUpperCase()}.`);
    }
  }
  if (rows.filter((r) => r.price.type === 'custom').length > 1) throw invalid('A form offers at most one custom-amount price.');
  return currency;
}
