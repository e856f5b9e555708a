import { invalidRequest } from './errors.js';
import { allowOnly, int, str, type Params } from './params.js';

export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/**
 * A Stripe list page. `items` are oldest first (Map insertion order); Stripe lists newest
 * first and pages with `limit` (1–100, default 10), `starting_after` and `ending_before`.
 */
export function listPage<T extends { id: string }>(items: Iterable<T>, params: Params, url: string): ListPage<T> {
  const all = [...items].reverse();
  const limit = int(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest('This value must be between 1 and 100 (it currently is ' + limit + ').', { param: 'limit' });
  const after = str(params, 'starting_after');
  const before = str(params, 'ending_before');
  let start = 0;
  let end = all.length;
  if (after) {
    const i = all.findIndex((x) => x.id === after);
    if (i < 0) throw invalidRequest(`No such object: '${after}'`, { code: 'resource_missing', param: 'starting_after', status: 404 });
    start = i + 1;
  } else if (before) {
    const i = all.findIndex((x) => x.id === before);
    if (i < 0) throw invalidRequest(`No such object: '${before}'`, { code: 'resource_missing', param: 'ending_before', status: 404 });
    end = i;
    start = Math.max(0, end - limit);
  }
  const data = all.slice(start, Math.min(end, start + limit));
  const has_more = before ? start > 0 : start + limit < end;
  return { object: 'list', data, has_more, url };
}

/** Filters by Stripe's `created` parameter (`created=…` or `created[gte]=…` etc.). */
export function createdFilter(params: Params): (created: number) => boolean {
  const c = params.created;
  if (c === undefined) return () => true;
  if (typeof c !== 'object' || c === null) {
    const exact = Number(c);
    return (t) => t === exact;
  }
  const r = c as Record<string, string>;
  return (t) =>
    (r.gt === undefined || t > Number(r.gt)) &&
    (r.gte === undefined || t >= Number(r.gte)) &&
    (r.lt === undefined || t < Number(r.lt)) &&
    (r.lte === undefined || t <= Number(r.lte));
}

/**
 * The list of what belongs to a charge (`GET /v1/refunds`, `GET /v1/disputes`): filtered by `charge`,
 * `payment_intent` and `created`, paged as every list.
 */
export function chargeObjectsPage<T extends { id: string; charge: string; payment_intent: string | null; created: number }>(items: Iterable<T>, params: Params, url: string): ListPage<T> {
  allowOnly(params, ['charge', 'payment_intent', 'created', 'limit', 'starting_after', 'ending_before', 'expand']);
  const charge = str(params, 'charge');
  const pi = str(params, 'payment_intent');
  const inCreated = createdFilter(params);
  return listPage([...items].filter((o) => (!charge || o.charge === charge) && (!pi || o.payment_intent === pi) && inCreated(o.created)), params, url);
}
