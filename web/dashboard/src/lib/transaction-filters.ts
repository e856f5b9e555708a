import type { QueryValue } from '../api/client.js';
import type { TransactionStatus } from '../api/types.js';

export const transactionStatuses: Array<{ value: TransactionStatus; label: string }> = [
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'partially_refunded', label: 'Partially refunded' },
  { value: 'refunded', label: 'Refunded' },
  { value: 'pending', label: 'Pending' },
  { value: 'requires_action', label: 'Needs authentication' },
  { value: 'processing', label: 'Processing' },
  { value: 'failed', label: 'Failed' },
  { value: 'canceled', label: 'Canceled' },
];

/**
 * The transactions filters, as they sit in the page's URL (so a filtered view can be shared,
 * reloaded, and survives a sign-in): dates as YYYY-MM-DD, amounts in minor units like the API.
 */
export interface TransactionFilters {
  from: string;
  to: string;
  status: TransactionStatus[];
  productId: string;
  formId: string;
  email: string;
  currency: string;
  /** `stripe`, `paypal`, or empty for any. */
  provider: string;
  /** `disputed`, `won`, `lost`, `any` (ever disputed), or empty for every payment. */
  dispute: string;
  minAmount: string;
  maxAmount: string;
}

const keys = ['from', 'to', 'productId', 'formId', 'email', 'currency', 'provider', 'dispute', 'minAmount', 'maxAmount'] as const;
const known = new Set<string>(transactionStatuses.map((s) => s.value));

export function filtersFromParams(params: URLSearchParams): TransactionFilters {
  const filters = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Omit<TransactionFilters, 'status'>;
  const status = params
    .getAll('status')
    .flatMap((s) => s.split(','))
    .filter((s): s is TransactionStatus => known.has(s));
  return { ...filters, status };
}

export function paramsFromFilters(filters: TransactionFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of keys) if (filters[key].trim()) params.set(key, filters[key].trim());
  if (filters.status.length > 0) params.set('status', filters.status.join(','));
  return params;
}

export const noFilters = (): TransactionFilters => filtersFromParams(new URLSearchParams());

export const hasFilters = (filters: TransactionFilters) => paramsFromFilters(filters).toString() !== '';

/** The browser's time zone, so a bare date means that day where the merchant is. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The API's query for the filters (list, summary and export take the same). */
export function apiQuery(filters: TransactionFilters, timeZone = browserTimeZone()): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = Object.fromEntries(paramsFromFilters(filters));
  if (filters.from || filters.to) query.timezone = timeZone;
  return query;
}
