import type { PriceType } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import { formatAmount, maxAmount, oneMajorUnit } from '../platform/money/currencies.js';

export interface PriceAmountsInput {
  type: PriceType;
  currency: string;
  unitAmount?: number | null;
  maxQuantity?: number | null;
  minAmount?: number | null;
  maxAmount?: number | null;
}

export interface PriceAmounts {
  unitAmount: number | null;
  maxQuantity: number;
  minAmount: number | null;
  maxAmount: number | null;
}

const invalid = (message: string) => new AppError('validation_failed', message);

function checkAmount(value: number, field: string) {
  if (!Number.isSafeInteger(value)) throw invalid(`${field} must be an integer number of minor units (e.g. cents; yen for JPY).`);
  if (value < 1) throw invalid(`${field} must be at least 1.`);
  if (value > maxAmount) throw invalid(`${field} may be at most ${maxAmount}.`);
}

/**
 * The amounts of a price, checked and completed with defaults:
 * - fixed: unitAmount > 0 (minor units), maxQuantity 1..999 (1 = no quantity choice), no bounds;
 * - custom (donations, deposits): minAmount defaults to one whole unit of the currency and
 *   maxAmount to the largest amount accepted; 1 ≤ minAmount ≤ maxAmount; no unit amount or quantity.
 */
export function priceAmounts(input: PriceAmountsInput): PriceAmounts {
  if (input.type === 'fixed') {
    if (input.unitAmount == null) throw invalid('A fixed price needs a unitAmount in minor units (e.g. 1200 for $12.00, 500 for ¥500).');
    if (input.minAmount != null || input.maxAmount != null) throw invalid('minAmount and maxAmount apply to custom prices only.');
    checkAmount(input.unitAmount, 'unitAmount');
    const maxQuantity = input.maxQuantity ?? 1;
    if (!Number.isInteger(maxQuantity) || maxQuantity < 1 || maxQuantity > 999) throw invalid('maxQuantity must be between 1 and 999.');
    return { unitAmount: input.unitAmount, maxQuantity, minAmount: null, maxAmount: null };
  }
  if (input.unitAmount != null) throw invalid('A custom price has no unitAmount; the buyer chooses the amount between minAmount and maxAmount.');
  if (input.maxQuantity != null && input.maxQuantity !== 1) throw invalid('A custom price has no quantity.');
  const max = input.maxAmount ?? maxAmount;
  const min = input.minAmount ?? Math.min(oneMajorUnit(input.currency), max);
  checkAmount(min, 'minAmount');
  checkAmount(max, 'maxAmount');
  if (min > max) {
    throw invalid(`minAmount (${formatAmount(min, input.currency)}) is more than maxAmount (${formatAmount(max, input.currency)}).`);
  }
  return { unitAmount: null, maxQuantity: 1, minAmount: min, maxAmount: max };
}
