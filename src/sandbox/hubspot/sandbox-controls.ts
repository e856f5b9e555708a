import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { associationsOf, v3TypeName } from './association-store.js';
import { badRequest, notFound } from './errors.js';
import { objectTypes, resolveObjectType } from './object-types.js';
import { grantCode } from './oauth.js';
import { renderStats } from './rate-limit.js';
import { renderObject } from './records.js';
import { currencies } from './default-properties.js';
import { allScopes, emptyStats, tiers, type HubSpotStore, type Portal, type RateLimitConfig, type Tier } from './store.js';

/** Sandbox-only endpoints of the HubSpot stand-in live under this prefix (never metered, never faulted). */
export const hubspotControlPrefix = '/__sandbox/hubspot';

export function portalParam(store: HubSpotStore, req: FastifyRequest): Portal {
  const id = Number((req.params as { portalId: string }).portalId);
  const portal = store.portals.get(id);
  if (!portal) throw notFound(`No sandbox portal ${id}`);
  return portal;
}

/** `{tier?, max?, oauthMax?, intervalMs?, daily?, searchPerSecond?}`: a tier sets HubSpot's limits for it; numbers set one limit each. */
function checkRateLimit(input: unknown): Partial<RateLimitConfig> {
  const out: Partial<RateLimitConfig> = {};
  const tier = (input as Record<string, unknown> | undefined)?.tier;
  if (tier !== undefined) {
    if (typeof tier !== 'string' || !Object.hasOwn(tiers, tier)) throw badRequest(`rateLimit.tier must be one of ${Object.keys(tiers).join(', ')}`);
    Object.assign(out, tiers[tier as Tier]);
  }
  for (const key of ['max', 'oauthMax', 'intervalMs', 'daily', 'searchPerSecond'] as const) {
    const raw = (input as Record<string, unknown> | undefined)?.[key];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw badRequest(`rateLimit.${key} must be a positive integer`);
    out[key] = n;
  }
  return out;
}

/** `companyCurrency` and `additionalCurrencies`, checked against the currencies the stand-in knows. */
function currenciesParam(body: { companyCurrency?: unknown; additionalCurrencies?: unknown }): { companyCurrency?: string; additionalCurrencies?: string[] } {
  const known = (value: unknown, field: string) => {
    if (typeof value !== 'string' || !currencies.includes(value)) throw badRequest(`${field} must be one of ${currencies.join(', ')}`);
    return value;
  };
  const out: { companyCurrency?: string; additionalCurrencies?: string[] } = {};
  if (body.companyCurrency !== undefined) out.companyCurrency = known(body.companyCurrency, 'companyCurrency');
  if (body.additionalCurrencies !== undefined) {
    if (body.additionalCurrencies === 'all') out.additionalCurrencies = currencies.filter((c) => c !== (out.companyCurrency ?? 'USD'));
    else if (!Array.isArray(body.additionalCurrencies)) throw badRequest('additionalCurrencies must be an array of currency codes, or "all"');
    else out.additionalCurrencies = [...new Set(body.additionalCurrencies.map((c) => known(c, 'additionalCurrencies[]')))];
  }
  return out;
}

function scopesParam(raw: unknown): string[] {
  if (raw === undefined) return allScopes;
  if (!Array.isArray(raw) || raw.some((s) => typeof s !== 'string')) throw badRequest('scopes must be an array of strings');
  return raw as string[];
}

function summary(portal: Portal) {
  const counts = Object.fromEntries(objectTypes.map((t) => [t, [...portal.objects[t].values()].filter((o) => !o.archived).length]));
  return {
    portalId: portal.portalId,
    name: portal.name,
    timeZone: portal.timeZone,
    companyCurrency: portal.companyCurrency,
    additionalCurrencies: portal.additionalCurrencies,
    rateLimit: portal.rateLimit,
    objects: counts,
    forms: portal.forms.size,
    submissions: portal.submissions.length,
  };
}

/** Portals, tokens, rate-limit settings, statistics and a raw view of the CRM, for tests and the product's sandbox mode. */
export async function registerSandboxControlRoutes(app: FastifyInstance, store: HubSpotStore) {
  const p = hubspotControlPrefix;

  app.get(`${p}/oauth-calls`, async () => Object.fromEntries(store.oauthCalls));

  app.post(`${p}/portals`, async (req, reply) => {
    const body = (req.body ?? {}) as { name?: string; timeZone?: string; companyCurrency?: unknown; additionalCurrencies?: unknown; rateLimit?: unknown; scopes?: unknown };
    const scopes = scopesParam(body.scopes);
    const portal = store.createPortal({ name: body.name, timeZone: body.timeZone, ...currenciesParam(body), rateLimit: checkRateLimit(body.rateLimit) });
    const token = store.issuePrivateAppToken(portal, scopes);
    return reply.code(201).send({ ...summary(portal), accessToken: token.token, scopes });
  });

  app.get(`${p}/portals`, async () => ({ results: [...store.portals.values()].map(summary) }));

  app.get(`${p}/portals/:portalId`, async (req) => summary(portalParam(store, req)));

  /** What a HubSpot admin does in Settings → Account defaults → Currency. */
  app.put(`${p}/portals/:portalId/currencies`, async (req) => {
    const portal = portalParam(store, req);
    Object.assign(portal, currenciesParam((req.body ?? {}) as { companyCurrency?: unknown; additionalCurrencies?: unknown }));
    portal.additionalCurrencies = portal.additionalCurrencies.filter((c) => c !== portal.companyCurrency);
    return summary(portal);
  });

  app.post(`${p}/portals/:portalId/tokens`, async (req, reply) => {
    const portal = portalParam(store, req);
    const scopes = scopesParam((req.body as { scopes?: unknown } | undefined)?.scopes);
    return reply.code(201).send({ portalId: portal.portalId, accessToken: store.issuePrivateAppToken(portal, scopes).token, scopes });
  });

  // The default for new portals, also applied to every existing one (what `onepagepay sandbox --hubspot-rate-limit` sets).
  const setDefaultRateLimit = async (req: FastifyRequest) => {
    const patch = checkRateLimit(req.body);
    store.defaultRateLimit = { ...store.defaultRateLimit, ...patch };
    for (const portal of store.portals.values()) portal.rateLimit = { ...portal.rateLimit, ...patch };
    return { rateLimit: store.defaultRateLimit, portals: store.portals.size };
  };
  app.get(`${p}/rate-limit`, async () => ({ rateLimit: store.defaultRateLimit, portals: store.portals.size }));
  app.put(`${p}/rate-limit`, setDefaultRateLimit);
  app.post(`${p}/rate-limit`, setDefaultRateLimit);

  const setRateLimit = async (req: FastifyRequest) => {
    const portal = portalParam(store, req);
    portal.rateLimit = { ...portal.rateLimit, ...checkRateLimit(req.body) };
    return { portalId: portal.portalId, rateLimit: portal.rateLimit };
  };
  app.put(`${p}/portals/:portalId/rate-limit`, setRateLimit);
  app.post(`${p}/portals/:portalId/rate-limit`, setRateLimit);

  app.get(`${p}/portals/:portalId/stats`, async (req) => renderStats(portalParam(store, req), store.clock.nowMs()));

  app.post(`${p}/portals/:portalId/stats/reset`, async (req) => {
    const portal = portalParam(store, req);
    portal.stats = emptyStats(store.clock.nowMs());
    return renderStats(portal, store.clock.nowMs());
  });

  // Everything stored for one object type, with all properties and associations, without touching the statistics.
  app.get(`${p}/portals/:portalId/objects/:objectType`, async (req) => {
    const portal = portalParam(store, req);
    const raw = (req.params as { objectType: string }).objectType;
    const type = resolveObjectType(raw);
    if (!type) throw badRequest(`Unable to infer object type from: ${raw}`);
    const results = [...portal.objects[type].values()].map((obj) => {
      const associations: Record<string, { id: string; type: string }[]> = {};
      for (const toType of objectTypes) {
        const links = associationsOf(portal, type, obj.id, toType).flatMap(({ toId, specs }) => specs.map((s) => ({ id: toId, type: v3TypeName(type, toType, s) })));
        if (links.length) associations[toType] = links;
      }
      return { ...renderObject(portal, type, obj, { all: true }), associations };
    });
    return { total: results.length, results };
  });

  app.post(`${p}/apps`, async (req, reply) => {
    const body = (req.body ?? {}) as { clientId?: string; clientSecret?: string };
    const clientId = body.clientId ?? randomUUID();
    const clientSecret = body.clientSecret ?? randomUUID();
    store.apps.set(clientId, clientSecret);
    return reply.code(201).send({ clientId, clientSecret });
  });

  // What the consent page's "Authorize" button does, for scripts and tests: returns the code and the redirect.
  app.post(`${p}/oauth/authorize`, async (req) => {
    const body = (req.body ?? {}) as { clientId?: string; redirectUri?: string; scopes?: unknown; state?: string; portalId?: number };
    if (!body.clientId || !body.redirectUri) throw badRequest('clientId and redirectUri are required');
    const scopes = Array.isArray(body.scopes) ? (body.scopes as string[]) : String(body.scopes ?? '').split(/\s+/).filter(Boolean);
    const portalId = body.portalId === undefined ? undefined : Number(body.portalId);
    if (portalId !== undefined && !store.portals.has(portalId)) throw notFound(`No sandbox portal ${portalId}`);
    return grantCode(store, { clientId: body.clientId, redirectUri: body.redirectUri, scopes, state: body.state, portalId });
  });
}
