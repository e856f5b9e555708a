import type { Price } from '../../api/types.js';
import { parseMoney, toMajorInput } from '../../lib/money.js';

/** What the price form holds: amounts as typed (major units), checked on submit. */
export interface PriceDraft {
  type: 'fixed' | 'custom';
  currency: string;
  nickname: string;
  unitAmount: string;
  maxQuantity: string;
  minAmount: string;
  maxAmount: string;
}

export const emptyPriceDraft = (currency = 'usd'): PriceDraft => ({ type: 'fixed', currency, nickname: '', unitAmount: '', maxQuantity: '1', minAmount: '', maxAmount: '' });

export const draftOf = (price: Price): PriceDraft => ({
  type: price.type,
  currency: price.currency,
  nickname: price.nickname,
  unitAmount: toMajorInput(price.unitAmount, price.currency),
  maxQuantity: String(price.maxQuantity),
  minAmount: toMajorInput(price.minAmount, price.currency),
  maxAmount: price.maxAmount === 99_999_999 ? '' : toMajorInput(price.maxAmount, price.currency),
});

export type PriceErrors = Partial<Record<'unitAmount' | 'maxQuantity' | 'minAmount' | 'maxAmount', string>>;

/** The amounts in minor units, or what is wrong with each field. */
export function readPriceDraft(draft: PriceDraft): { values: { nickname: string; unitAmount?: number; maxQuantity?: number; minAmount?: number; maxAmount?: number } } | { errors: PriceErrors } {
  const errors: PriceErrors = {};
  const values: { nickname: string; unitAmount?: number; maxQuantity?: number; minAmount?: number; maxAmount?: number } = { nickname: draft.nickname.trim() };
  const money = (field: 'unitAmount' | 'minAmount' | 'maxAmount', optional: boolean) => {
    if (optional && draft[field].trim() === '') return;
    const parsed = parseMoney(draft[field], draft.currency);
    if ('error' in parsed) errors[field] = parsed.error;
    else values[field] = parsed.amount;
  };
  if (draft.type === 'fixed') {
    money('unitAmount', false);
    const quantity = Number(draft.maxQuantity);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999) errors.maxQuantity = 'Enter a whole number from 1 to 999.';
    else values.maxQuantity = quantity;
  } else {
    money('minAmount', true);
    money('maxAmount', true);
    if (values.minAmount !== undefined && values.maxAmount !== undefined && values.minAmount > values.maxAmount) {
      errors.maxAmount = 'The maximum must be at least the minimum.';
    }
  }
  return Object.keys(errors).length > 0 ? { errors } : { values };
}
