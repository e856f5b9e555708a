import { formatAmount } from '../platform/money/currencies.js';
import { AppError } from '../platform/http/errors.js';
import type { PublicForm } from './load-public-form.js';

export interface OrderItemInput {
  priceId: string;
  quantity?: number;
  amount?: number;
}

export interface PricedItem {
  priceId: string;
  productId: string;
  productName: string;
  nickname: string;
  quantity: number;
  unitAmount: number;
  amount: number;
}

/** Stripe's largest amount (8 digits of minor units); larger totals are refused before calling it. */
export const maxPaymentAmount = 99_999_999;

const invalid = (message: string) => new AppError('validation_failed', message);

/**
 * Prices an order from the stored catalog: the browser says what it wants (price ids, quantities,
 * a custom amount), never what it costs. Every item must be on sale on this form, in the form's
 * selection rule, within the price's quantity or amount bounds.
 */
export function priceOrder(loaded: PublicForm, input: OrderItemInput[]): { items: PricedItem[]; amount: number; description: string } {
  const { form, onSale } = loaded;
  if (input.length === 0) throw invalid('Choose at least one item.');
  if (new Set(input.map((i) => i.priceId)).size !== input.length) throw invalid('Each price may appear once; use quantity for more.');
  if ((form.selection === 'fixed' || form.selection === 'pick_one') && input.length !== 1) {
    throw invalid(form.selection === 'fixed' ? 'This form sells exactly one item.' : 'Choose exactly one of the offered items.');
  }
  const items = input.map((wanted): PricedItem => {
    const offered = onSale.find((o) => o.price.id === wanted.priceId);
    if (!offered) throw invalid(`Price ${wanted.priceId} is not offered on this form.`);
    const { price, product } = offered;
    const base = { priceId: price.id, productId: product.id, productName: product.name, nickname: price.nickname };
    if (price.type === 'custom') {
      if (wanted.quantity !== undefined && wanted.quantity !== 1) throw invalid(`${product.name}: a custom amount is bought once.`);
      const amount = wanted.amount;
      if (amount === undefined) throw invalid(`${product.name}: enter an amount.`);
      if (amount < price.minAmount! || amount > price.maxAmount!) {
        throw invalid(`${product.name}: the amount must be between ${formatAmount(price.minAmount!, price.currency)} and ${formatAmount(price.maxAmount!, price.currency)}.`);
      }
      return { ...base, quantity: 1, unitAmount: amount, amount };
    }
    if (wanted.amount !== undefined) throw invalid(`${product.name} has a fixed price; an amount cannot be given for it.`);
    const quantity = wanted.quantity ?? 1;
    if (quantity > price.maxQuantity) throw invalid(`${product.name}: at most ${price.maxQuantity} per order.`);
    return { ...base, quantity, unitAmount: price.unitAmount!, amount: price.unitAmount! * quantity };
  });
  if (form.selection === 'fixed' && items[0]!.priceId !== onSale[0]!.price.id) throw invalid('This form sells exactly one item.');
  const amount = items.reduce((sum, item) => sum + item.amount, 0);
  if (amount > maxPaymentAmount) throw invalid(`The total may not exceed ${formatAmount(maxPaymentAmount, form.currency)}.`);
  const description = items.map((i) => (i.quantity > 1 ? `${i.quantity} × ${i.productName}` : i.productName)).join(', ');
  return { items, amount, description };
}
