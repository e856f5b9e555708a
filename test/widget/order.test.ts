import { describe, expect, it } from 'vitest';
import { choose, initialOrder, summarize } from '../../web/widget/order.js';
import type { ConfigItem, FormConfig } from '../../web/widget/types.js';

const fixed = (priceId: string, unitAmount: number, maxQuantity = 1): ConfigItem => ({
  priceId, productName: priceId, description: '', nickname: '', type: 'fixed', unitAmount, maxQuantity, minAmount: null, maxAmount: null,
});
const custom: ConfigItem = { priceId: 'price_donation', productName: 'Donation', description: '', nickname: '', type: 'custom', unitAmount: null, maxQuantity: 1, minAmount: 500, maxAmount: 10000 };

function config(selection: FormConfig['selection'], items: ConfigItem[]): FormConfig {
  return {
    object: 'form_config', accountId: 'a'.repeat(32), formId: 'form_x', mode: 'test', name: 'Shop', currency: 'usd', selection, items,
    hubspot: null, successMessage: null, redirectUrl: null, providers: { stripe: null, paypal: null }, available: true, message: null,
  };
}

describe('widget order', () => {
  it('a fixed form buys its one item; the quantity is kept within 1..maxQuantity', () => {
    const c = config('fixed', [fixed('price_a', 4900, 5)]);
    const state = initialOrder(c);
    state.quantities.set('price_a', 3);
    expect(summarize(c, state)).toMatchObject({ total: 14700, payload: [{ priceId: 'price_a', quantity: 3 }], problem: null });
    state.quantities.set('price_a', 99);
    expect(summarize(c, state).payload).toEqual([{ priceId: 'price_a', quantity: 5 }]);
    state.quantities.set('price_a', 0);
    expect(summarize(c, state).payload).toEqual([{ priceId: 'price_a', quantity: 1 }]);
  });

  it('pick_one starts on the first item and keeps exactly one', () => {
    const c = config('pick_one', [fixed('price_a', 1000), fixed('price_b', 2500)]);
    const state = initialOrder(c);
    expect(summarize(c, state).total).toBe(1000);
    choose(c, state, 'price_b', true);
    expect(summarize(c, state)).toMatchObject({ total: 2500, payload: [{ priceId: 'price_b', quantity: 1 }] });
    choose(c, state, 'price_b', false);
    expect(summarize(c, state).payload).toHaveLength(1);
  });

  it('pick_many starts empty and asks for at least one item', () => {
    const c = config('pick_many', [fixed('price_a', 1000), fixed('price_b', 2500)]);
    const state = initialOrder(c);
    expect(summarize(c, state).problem).toEqual({ kind: 'nothing_selected' });
    choose(c, state, 'price_a', true);
    choose(c, state, 'price_b', true);
    expect(summarize(c, state)).toMatchObject({ total: 3500, problem: null });
    choose(c, state, 'price_a', false);
    expect(summarize(c, state).total).toBe(2500);
  });

  it('a custom amount must be within its bounds before the order can be paid', () => {
    const c = config('pick_many', [fixed('price_a', 1000), custom]);
    const state = initialOrder(c);
    choose(c, state, 'price_donation', true);
    expect(summarize(c, state).problem).toEqual({ kind: 'amount_out_of_range', min: 500, max: 10000 });
    state.customAmount = 20000;
    expect(summarize(c, state).problem).toEqual({ kind: 'amount_out_of_range', min: 500, max: 10000 });
    state.customAmount = 2500;
    expect(summarize(c, state)).toMatchObject({ total: 2500, payload: [{ priceId: 'price_donation', amount: 2500 }], problem: null });
  });
});
