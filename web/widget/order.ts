import type { ConfigItem, FormConfig, OrderLine } from './types.js';

/** What the buyer chose: which prices, how many of each, and the custom amount (minor units, null = not valid yet). */
export interface OrderState {
  selected: Set<string>;
  quantities: Map<string, number>;
  customAmount: number | null;
}

export type OrderProblem =
  | { kind: 'nothing_selected' }
  | { kind: 'amount_out_of_range'; min: number; max: number };

export interface OrderSummary {
  lines: Array<{ item: ConfigItem; quantity: number; amount: number }>;
  total: number;
  payload: OrderLine[];
  problem: OrderProblem | null;
}

/** The starting choice: everything on a fixed form, the first item when picking one, nothing when picking many. */
export function initialOrder(config: FormConfig): OrderState {
  const selected = new Set<string>();
  if (config.selection === 'fixed' || config.selection === 'pick_one') {
    const first = config.items[0];
    if (first) selected.add(first.priceId);
  }
  return { selected, quantities: new Map(config.items.map((i) => [i.priceId, 1])), customAmount: null };
}

export function clampQuantity(item: ConfigItem, quantity: number): number {
  if (!Number.isFinite(quantity)) return 1;
  return Math.min(Math.max(Math.trunc(quantity), 1), Math.max(item.maxQuantity, 1));
}

/** The order lines, the total the buyer will see, the API payload, and what still stops payment. */
export function summarize(config: FormConfig, state: OrderState): OrderSummary {
  const lines: OrderSummary['lines'] = [];
  const payload: OrderLine[] = [];
  let problem: OrderProblem | null = null;
  for (const item of config.items) {
    if (!state.selected.has(item.priceId)) continue;
    if (item.type === 'custom') {
      const min = item.minAmount ?? 1;
      const max = item.maxAmount ?? Number.MAX_SAFE_INTEGER;
      const amount = state.customAmount;
      if (amount === null || amount < min || amount > max) {
        problem = { kind: 'amount_out_of_range', min, max };
        continue;
      }
      lines.push({ item, quantity: 1, amount });
      payload.push({ priceId: item.priceId, amount });
    } else {
      const quantity = clampQuantity(item, state.quantities.get(item.priceId) ?? 1);
      lines.push({ item, quantity, amount: (item.unitAmount ?? 0) * quantity });
      payload.push({ priceId: item.priceId, quantity });
    }
  }
  if (!problem && payload.length === 0) problem = { kind: 'nothing_selected' };
  return { lines, total: lines.reduce((sum, l) => sum + l.amount, 0), payload, problem };
}

/** A choice made by the buyer, applied according to the form's selection rule. */
export function choose(config: FormConfig, state: OrderState, priceId: string, on: boolean): void {
  if (config.selection === 'fixed') return;
  if (config.selection === 'pick_one') {
    if (!on) return;
    state.selected.clear();
    state.selected.add(priceId);
    return;
  }
  if (on) state.selected.add(priceId);
  else state.selected.delete(priceId);
}
