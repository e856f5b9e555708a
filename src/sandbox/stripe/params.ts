import type { FastifyRequest } from 'fastify';
import qs from 'qs';
import { invalidRequest, parameterMissing, parameterUnknown } from './errors.js';
import type { Metadata } from './objects.js';

export type Params = Record<string, unknown>;

/** Request parameters: the form body of a POST, the bracket-nested query string of a GET/DELETE. */
export function readParams(req: FastifyRequest): Params {
  const q = req.url.indexOf('?');
  const query = q >= 0 ? (qs.parse(req.url.slice(q + 1), { depth: 10, arrayLimit: 1000 }) as Params) : {};
  if (req.method === 'POST' && req.body && typeof req.body === 'object') return { ...query, ...(req.body as Params) };
  return query;
}

/** Refuses parameters an endpoint does not know, as Stripe does (`parameter_unknown`). */
export function allowOnly(params: Params, allowed: readonly string[], prefix = ''): void {
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name)) throw parameterUnknown(prefix ? `${prefix}[${name}]` : name);
  }
}

export function str(params: Params, name: string): string | undefined;
export function str(params: Params, name: string, required: true): string;
export function str(params: Params, name: string, required = false): string | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === '') {
    if (required) throw parameterMissing(name);
    return undefined;
  }
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    throw invalidRequest(`Invalid string: ${JSON.stringify(v)}`, { param: name });
  }
  return String(v);
}

export function int(params: Params, name: string, opts: { required?: boolean; min?: number } = {}): number | undefined {
  const v = params[name];
  if (v === undefined || v === '') {
    if (opts.required) throw parameterMissing(name);
    return undefined;
  }
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw invalidRequest(`Invalid integer: ${String(v)}`, { code: 'parameter_invalid_integer', param: name });
  if (opts.min !== undefined && n < opts.min) {
    throw invalidRequest(`This value must be greater than or equal to ${opts.min}.`, { code: 'parameter_invalid_integer', param: name });
  }
  return n;
}

export function bool(params: Params, name: string): boolean | undefined {
  const v = params[name];
  if (v === undefined || v === '') return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw invalidRequest(`Invalid boolean: ${String(v)}`, { code: 'parameter_invalid_string_empty', param: name });
}

export function obj(params: Params, name: string): Params | undefined {
  const v = params[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidRequest(`Invalid object`, { param: name });
  return v as Params;
}

/** Arrays arrive as `x[0]=a&x[1]=b` (an array after qs) or, past qs's limits, as an index-keyed object. */
export function list(params: Params, name: string): unknown[] | undefined {
  const v = params[name];
  if (v === undefined || v === '') return undefined;
  if (Array.isArray(v)) return v;
  if (typeof v === 'object' && v !== null) return Object.values(v);
  return [v];
}

export function stringList(params: Params, name: string): string[] | undefined {
  return list(params, name)?.map(String);
}

export function expandList(params: Params): string[] {
  return stringList(params, 'expand') ?? [];
}

export function currency(params: Params, name = 'currency', required = true): string {
  const c = required ? str(params, name, true) : str(params, name);
  if (c === undefined) return '';
  if (!/^[a-zA-Z]{3}$/.test(c)) throw invalidRequest(`Invalid currency: ${c}.`, { param: name });
  return c.toLowerCase();
}

/** Applies a `metadata` parameter: `''` clears it, a key set to `''` is removed, values become strings. */
export function applyMetadata(current: Metadata, patch: unknown, param = 'metadata'): Metadata {
  if (patch === undefined) return current;
  if (patch === '' || patch === null) return {};
  if (typeof patch !== 'object' || Array.isArray(patch)) throw invalidRequest('Invalid hash', { param });
  const next = { ...current };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (k.length > 40) throw invalidRequest(`Metadata keys can have up to 40 characters.`, { param: `${param}[${k}]` });
    if (v === '' || v === null) delete next[k];
    else next[k] = String(v);
  }
  if (Object.keys(next).length > 50) throw invalidRequest('You can specify up to 50 metadata keys.', { param });
  return next;
}
