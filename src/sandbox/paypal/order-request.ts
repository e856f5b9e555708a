import { invalidRequest, unprocessable } from './errors.js';
import { isSupportedCurrency, parseValue } from './money.js';
import type { OrderUnit } from './store.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface CreateOrderInput {
  units: OrderUnit[];
  payerActionFlow: boolean;
  returnUrl?: string;
  cancelUrl?: string;
  brandName?: string;
}

/** Validates a `POST /v2/checkout/orders` body as PayPal does and returns its units in minor units. */
export function parseCreateOrder(body: unknown): CreateOrderInput {
  if (!isObject(body)) throw invalidRequest('MALFORMED_REQUEST_JSON', 'The request JSON is not well formed.');
  if (body.intent === undefined) throw invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', '/intent');
  if (body.intent !== 'CAPTURE') {
    throw invalidRequest('INVALID_PARAMETER_VALUE', 'The sandbox supports intent CAPTURE only.', '/intent', String(body.intent));
  }
  const rawUnits = body.purchase_units;
  if (!Array.isArray(rawUnits) || rawUnits.length === 0) {
    throw invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', '/purchase_units');
  }
  if (rawUnits.length > 10) throw invalidRequest('INVALID_ARRAY_MAX_ITEMS', 'The number of items in an array parameter is too large.', '/purchase_units');

  const units = rawUnits.map((raw, i) => parseUnit(raw, i, rawUnits.length));
  const refs = new Set(units.map((u) => u.referenceId));
  if (refs.size !== units.length) throw unprocessable('DUPLICATE_REFERENCE_ID', '`reference_id` must be unique if multiple `purchase_unit` are provided.', '/purchase_units');
  if (new Set(units.map((u) => u.currency)).size > 1) {
    throw unprocessable('MULTI_CURRENCY_ORDER', 'Multiple differing values of currency_code are not supported.', '/purchase_units');
  }

  const source = isObject(body.payment_source) && isObject(body.payment_source.paypal) ? body.payment_source.paypal : undefined;
  const experience = source && isObject(source.experience_context) ? source.experience_context : undefined;
  const legacy = isObject(body.application_context) ? body.application_context : undefined;
  const context = experience ?? legacy;
  return {
    units,
    payerActionFlow: source !== undefined,
    returnUrl: optionalString(context?.return_url),
    cancelUrl: optionalString(context?.cancel_url),
    brandName: optionalString(context?.brand_name),
  };
}

function parseUnit(raw: unknown, index: number, count: number): OrderUnit {
  if (!isObject(raw)) throw invalidRequest('INVALID_PARAMETER_SYNTAX', 'The value of a field does not conform to the expected format.', `/purchase_units/${index}`);
  const referenceId = raw.reference_id === undefined ? 'default' : String(raw.reference_id);
  if (count > 1 && raw.reference_id === undefined) {
    throw unprocessable('REFERENCE_ID_REQUIRED', "'reference_id' is required for each 'purchase_unit' if multiple 'purchase_unit' are provided.", `/purchase_units/${index}/reference_id`);
  }
  const at = `/purchase_units/@reference_id=='${referenceId}'`;
  const amount = raw.amount;
  if (!isObject(amount)) throw invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', `${at}/amount`);
  const { currency, minor } = parseMoney(amount, `${at}/amount`);
  if (minor <= 0) throw unprocessable('CANNOT_BE_ZERO_OR_NEGATIVE', 'Must be greater than zero. If the currency supports decimals, only two decimal place precision is supported.', `${at}/amount/value`);

  for (const field of ['custom_id', 'invoice_id'] as const) {
    const v = raw[field];
    if (v !== undefined && (typeof v !== 'string' || v.length > 127)) {
      throw invalidRequest('INVALID_STRING_MAX_LENGTH', 'The value of a field is too long.', `${at}/${field}`);
    }
  }
  const items = raw.items === undefined ? undefined : parseItems(raw.items, amount, currency, minor, at);
  return {
    referenceId,
    currency,
    amountMinor: minor,
    amount,
    customId: optionalString(raw.custom_id),
    invoiceId: optionalString(raw.invoice_id),
    description: optionalString(raw.description),
    softDescriptor: optionalString(raw.soft_descriptor),
    items,
    captureIds: [],
  };
}

function parseMoney(m: Json, at: string, expectedCurrency?: string): { currency: string; minor: number } {
  const currency = m.currency_code;
  if (typeof currency !== 'string') throw invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', `${at}/currency_code`);
  if (!/^[A-Z]{3}$/.test(currency)) throw invalidRequest('INVALID_PARAMETER_SYNTAX', 'The value of a field does not conform to the expected format.', `${at}/currency_code`, currency);
  if (!isSupportedCurrency(currency)) throw unprocessable('CURRENCY_NOT_SUPPORTED', 'Currency code is not currently supported.', `${at}/currency_code`);
  if (expectedCurrency && currency !== expectedCurrency) {
    throw unprocessable('CURRENCY_MISMATCH', 'Should have same currency code across all the amounts of a purchase unit.', `${at}/currency_code`);
  }
  if (m.value === undefined) throw invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', `${at}/value`);
  const parsed = parseValue(m.value, currency);
  if (!parsed.ok && parsed.issue === 'DECIMAL_PRECISION') {
    throw unprocessable('DECIMAL_PRECISION', 'If the currency supports decimals, only two decimal place precision is supported.', `${at}/value`);
  }
  if (!parsed.ok) throw invalidRequest('INVALID_PARAMETER_SYNTAX', 'The value of a field does not conform to the expected format.', `${at}/value`, String(m.value));
  return { currency, minor: parsed.minor };
}

const additions = ['item_total', 'tax_total', 'shipping', 'handling', 'insurance'] as const;
const subtractions = ['shipping_discount', 'discount'] as const;

function parseItems(raw: unknown, amount: Json, currency: string, totalMinor: number, at: string): unknown[] {
  if (!Array.isArray(raw)) throw invalidRequest('INVALID_PARAMETER_SYNTAX', 'The value of a field does not conform to the expected format.', `${at}/items`);
  let itemSum = 0;
  raw.forEach((item, i) => {
    const path = `${at}/items[${i}]`;
    if (!isObject(item) || typeof item.name !== 'string' || item.name === '') {
      throw invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', `${path}/name`);
    }
    if (typeof item.quantity !== 'string' || !/^[1-9]\d{0,9}$/.test(item.quantity)) {
      throw invalidRequest('INVALID_PARAMETER_SYNTAX', 'The value of a field does not conform to the expected format.', `${path}/quantity`);
    }
    if (!isObject(item.unit_amount)) throw invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', `${path}/unit_amount`);
    itemSum += parseMoney(item.unit_amount, `${path}/unit_amount`, currency).minor * Number(item.quantity);
  });
  const breakdown = isObject(amount.breakdown) ? amount.breakdown : undefined;
  if (!breakdown || !isObject(breakdown.item_total)) {
    throw unprocessable('ITEM_TOTAL_REQUIRED', 'If item details are specified (items.unit_amount and items.quantity) corresponding amount.breakdown.item_total is required.', `${at}/amount/breakdown/item_total`);
  }
  const part = (name: string) => (isObject(breakdown[name]) ? parseMoney(breakdown[name] as Json, `${at}/amount/breakdown/${name}`, currency).minor : 0);
  if (part('item_total') !== itemSum) {
    throw unprocessable('ITEM_TOTAL_MISMATCH', 'Should equal sum of (unit_amount * quantity) across all items for a given purchase_unit.', `${at}/amount/breakdown/item_total/value`);
  }
  const expected = additions.reduce((s, n) => s + part(n), 0) - subtractions.reduce((s, n) => s + part(n), 0);
  if (expected !== totalMinor) {
    throw unprocessable('AMOUNT_MISMATCH', 'Should equal item_total + tax_total + shipping + handling + insurance - shipping_discount - discount.', `${at}/amount/value`);
  }
  return raw;
}

const optionalString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
