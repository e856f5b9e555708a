import { invalidRequest } from './errors.js';
import type { StripeObject } from './objects.js';

/**
 * A small subset of Stripe's search query language: clauses `field:'value'` (exact),
 * `field~'value'` (substring) and `metadata['key']:'value'`, joined with AND.
 */
export function searchPredicate(query: string): (obj: StripeObject) => boolean {
  const clauses = query.split(/\s+AND\s+/i).map((c) => c.trim()).filter(Boolean);
  if (clauses.length === 0) throw invalidRequest('Missing required param: query.', { code: 'parameter_missing', param: 'query' });
  const tests = clauses.map((clause) => {
    const m = /^(metadata\[['"]([^'"]+)['"]\]|[a-z_]+)\s*(:|~)\s*(['"])(.*)\4$/.exec(clause);
    if (!m) throw invalidRequest(`The query provided could not be parsed: ${clause}`, { param: 'query', code: 'parameter_invalid_string' });
    const [, field, metaKey, op, , value] = m;
    return (obj: StripeObject) => {
      const actual = metaKey ? (obj.metadata as Record<string, string> | undefined)?.[metaKey] : obj[field];
      if (actual === undefined || actual === null) return false;
      const text = String(actual);
      return op === ':' ? text.toLowerCase() === value.toLowerCase() : text.toLowerCase().includes(value.toLowerCase());
    };
  });
  return (obj) => tests.every((t) => t(obj));
}

export function searchResult<T extends StripeObject>(items: T[], url: string, limit = 10) {
  const data = [...items].reverse().slice(0, limit);
  return { object: 'search_result' as const, data, has_more: items.length > limit, next_page: null, url };
}
