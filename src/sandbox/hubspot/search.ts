import type { FastifyInstance } from 'fastify';
import { requireObjectScope } from './auth.js';
import { badRequest } from './errors.js';
import { objectTypeDefs, type ObjectType } from './object-types.js';
import { objectTypeParam } from './objects.js';
import { renderObject } from './records.js';
import type { CrmObject, HubSpotStore, Portal } from './store.js';

interface Filter {
  propertyName?: string;
  operator?: string;
  value?: unknown;
  highValue?: unknown;
  values?: unknown[];
}

interface SearchBody {
  filterGroups?: { filters?: Filter[] }[];
  sorts?: (string | { propertyName?: string; direction?: string })[];
  properties?: string[];
  limit?: number;
  after?: string | number;
  query?: string;
}

const operators = ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'];
const maxLimit = 200;

/** Numbers and dates compare as numbers; everything else as lower-case text (HubSpot search ignores case). */
function comparable(raw: unknown): number | string {
  const s = String(raw ?? '');
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(s)) {
    const ms = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
    if (!Number.isNaN(ms)) return ms;
  }
  return s.toLowerCase();
}

function compare(a: unknown, b: unknown): number {
  const x = comparable(a);
  const y = comparable(b);
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y));
}

/** CONTAINS_TOKEN matches a whole word, with `*` as a wildcard (`*@example.com`). */
function containsToken(value: string, token: string): boolean {
  const pattern = new RegExp(`^${token.toLowerCase().split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const words = value.toLowerCase().split(/[\s,;]+/);
  return pattern.test(value.toLowerCase()) || words.some((w) => pattern.test(w));
}

function matches(obj: CrmObject, f: Filter): boolean {
  const name = f.propertyName ?? '';
  const value = name === 'hs_object_id' ? obj.id : obj.properties[name];
  const has = value !== undefined && value !== '';
  switch (f.operator) {
    case 'HAS_PROPERTY': return has;
    case 'NOT_HAS_PROPERTY': return !has;
    case 'EQ': return has && compare(value, f.value) === 0;
    case 'NEQ': return !has || compare(value, f.value) !== 0;
    case 'LT': return has && compare(value, f.value) < 0;
    case 'LTE': return has && compare(value, f.value) <= 0;
    case 'GT': return has && compare(value, f.value) > 0;
    case 'GTE': return has && compare(value, f.value) >= 0;
    case 'BETWEEN': return has && compare(value, f.value) >= 0 && compare(value, f.highValue) <= 0;
    case 'IN': return has && (f.values ?? []).some((v) => compare(value, v) === 0);
    case 'NOT_IN': return !has || !(f.values ?? []).some((v) => compare(value, v) === 0);
    case 'CONTAINS_TOKEN': return has && containsToken(value, String(f.value ?? ''));
    case 'NOT_CONTAINS_TOKEN': return !has || !containsToken(value, String(f.value ?? ''));
    default: return false;
  }
}

function validate(portal: Portal, type: ObjectType, body: SearchBody) {
  const limit = body.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxLimit) {
    throw badRequest(`limit must be an integer between 0 and ${maxLimit}, got ${limit}`, [
      { message: `must be less than or equal to ${maxLimit}`, in: 'limit', code: 'INVALID_LIMIT' },
    ]);
  }
  const groups = body.filterGroups ?? [];
  if (groups.length > 5) throw badRequest('Too many filter groups: at most 5 are allowed');
  for (const group of groups) {
    for (const f of group.filters ?? []) {
      if (!f.operator || !operators.includes(f.operator)) {
        throw badRequest(`Invalid filter operator: ${f.operator}`, [{ message: `operator must be one of ${operators.join(', ')}`, in: 'operator' }]);
      }
      if (!f.propertyName || !portal.properties[type].has(f.propertyName)) {
        throw badRequest(`There was a problem with the request: property ${f.propertyName} does not exist`, [
          { message: `Property "${f.propertyName}" does not exist`, code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: [String(f.propertyName)] } },
        ]);
      }
    }
  }
  return limit;
}

/** `POST /crm/v3/objects/{type}/search`: filter groups (OR of ANDs), sorts, free-text query, `after` paging. */
export async function registerSearchRoutes(app: FastifyInstance, _store: HubSpotStore) {
  app.post('/crm/v3/objects/:objectType/search', async (req) => {
    const type = objectTypeParam(req);
    const { portal } = requireObjectScope(req, type, 'read');
    const body = (req.body ?? {}) as SearchBody;
    const limit = validate(portal, type, body);
    const groups = (body.filterGroups ?? []).filter((g) => (g.filters ?? []).length > 0);
    const query = body.query?.trim().toLowerCase();
    let found = [...portal.objects[type].values()].filter(
      (obj) => !obj.archived && (groups.length === 0 || groups.some((g) => g.filters!.every((f) => matches(obj, f)))),
    );
    if (query) {
      const props = objectTypeDefs[type].queryProperties;
      found = found.filter((obj) => props.some((p) => (obj.properties[p] ?? '').toLowerCase().includes(query)));
    }
    const sorts = (body.sorts ?? []).map((s) =>
      typeof s === 'string'
        ? { propertyName: s.replace(/^-/, ''), descending: s.startsWith('-') }
        : { propertyName: s.propertyName ?? 'hs_object_id', descending: s.direction === 'DESCENDING' },
    );
    found.sort((a, b) => {
      for (const s of sorts) {
        const d = compare(a.properties[s.propertyName] ?? '', b.properties[s.propertyName] ?? '');
        if (d !== 0) return s.descending ? -d : d;
      }
      return Number(a.id) - Number(b.id);
    });
    const offset = Math.max(0, Number(body.after ?? 0) || 0);
    const page = found.slice(offset, offset + limit);
    const next = offset + limit < found.length ? String(offset + limit) : undefined;
    const properties = body.properties?.length ? body.properties : undefined;
    return {
      total: found.length,
      results: page.map((obj) => renderObject(portal, type, obj, { properties })),
      ...(next ? { paging: { next: { after: next } } } : {}),
    };
  });
}
