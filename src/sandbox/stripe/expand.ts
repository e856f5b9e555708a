import { invalidRequest } from './errors.js';
import type { Scope } from './env.js';
import type { StripeObject } from './objects.js';

type Json = Record<string, unknown>;

/**
 * Fields that are not stored on the object but computed when expanded: a charge's `refunds` (a list,
 * newest first, the first 10, not included unless expanded since API 2022-11-15), the invoice's
 * `confirmation_secret` (API ≥ 2025-03-31) and its legacy `payment_intent`.
 */
function virtualField(scope: Scope, obj: Json, field: string): unknown {
  if (obj.object === 'charge' && field === 'refunds') {
    const all = [...scope.data.refunds.values()].filter((r) => r.charge === obj.id).sort((a, b) => b.created - a.created);
    return { object: 'list', data: structuredClone(all.slice(0, 10)), has_more: all.length > 10, total_count: all.length, url: `/v1/charges/${String(obj.id)}/refunds` };
  }
  if (obj.object !== 'invoice') return undefined;
  const piId = scope.data.invoicePaymentIntent.get(obj.id as string);
  if (field === 'payment_intent') return piId ?? null;
  if (field === 'confirmation_secret') {
    const pi = piId ? scope.data.paymentIntents.get(piId) : undefined;
    return pi && obj.status === 'open' ? { client_secret: pi.client_secret, type: 'payment_intent' } : null;
  }
  return undefined;
}

function expandPath(scope: Scope, value: unknown, path: string[], full: string): unknown {
  if (path.length === 0 || value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((v) => expandPath(scope, v, path, full));
  if (typeof value !== 'object') return value;
  const obj = value as Json;
  const [head, ...rest] = path;
  let child = head in obj ? obj[head] : virtualField(scope, obj, head);
  if (child === undefined) throw invalidRequest(`This property cannot be expanded (${head}).`, { param: 'expand' });
  if (typeof child === 'string') {
    const found = scope.data.lookup(child);
    if (!found) throw invalidRequest(`This property cannot be expanded (${head}).`, { param: 'expand' });
    child = structuredClone(found);
  }
  obj[head] = expandPath(scope, child, rest, full);
  return obj;
}

/** A copy of `obj` ready to send, with each `expand[]` path (up to 4 levels, as Stripe) expanded. */
export function render<T extends StripeObject | Json>(scope: Scope, obj: T, expand: readonly string[] = []): T {
  const out = structuredClone(obj);
  for (const path of expand) {
    const parts = path.split('.');
    if (parts.length > 4) throw invalidRequest(`You cannot expand more than 4 levels of a property. Property: ${path}`, { param: 'expand' });
    expandPath(scope, out, parts, path);
  }
  return out;
}

/** Renders a list page, where `expand[]` paths start with `data.`. */
export function renderList<T extends { data: StripeObject[] }>(scope: Scope, page: T, expand: readonly string[]): T {
  const inner = expand.filter((p) => p.startsWith('data.')).map((p) => p.slice(5));
  return { ...page, data: page.data.map((o) => render(scope, o, inner)) };
}
