import { randomBytes, randomUUID } from 'node:crypto';
import type { SandboxClock } from '../clock.js';
import { restoreInto } from '../state-file.js';
import { seedProperties, type PropertyDef, type PropertyGroupDef } from './default-properties.js';
import { defaultDealPipeline, type Pipeline } from './default-pipelines.js';
import { objectTypes, type ObjectType } from './object-types.js';
import type { AssociationCategory } from './association-types.js';
import type { FormDef, Submission } from './form-types.js';

export interface CrmObject {
  id: string;
  properties: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt?: number;
}

export interface AssociationSpec {
  category: AssociationCategory;
  typeId: number;
}

export interface RateLimitConfig {
  /** Requests a private app may make in the rolling interval (HubSpot: 100 Free/Starter, 190 Pro/Enterprise, 250 with the API add-on). */
  max: number;
  /** Requests an OAuth app may make in the rolling interval in one portal (HubSpot: 110). */
  oauthMax: number;
  intervalMs: number;
  /** Requests all apps of the portal may make per day (HubSpot: 250 000 / 625 000 / 1 000 000 by tier). */
  daily: number;
  /** CRM search requests per second per portal (HubSpot: 5), counted apart from the interval's. */
  searchPerSecond: number;
}

/** HubSpot's limits by the account's tier (HubSpot's API usage guidelines). */
export const tiers = {
  starter: { max: 100, daily: 250_000 },
  professional: { max: 190, daily: 625_000 },
  enterprise: { max: 190, daily: 625_000 },
  api_addon: { max: 250, daily: 1_000_000 },
} as const;
export type Tier = keyof typeof tiers;

export interface PortalStats {
  since: number;
  requests: number;
  rateLimited: number;
  /** Most requests (accepted or not) seen in any rolling window of `intervalMs`, across all tokens. */
  maxInWindow: number;
  byEndpoint: Record<string, number>;
  /** Timestamps of the requests of the current window (pruned as time moves). */
  window: number[];
}

export interface Portal {
  portalId: number;
  name: string;
  timeZone: string;
  companyCurrency: string;
  /** Currencies enabled beside the company currency (HubSpot: Settings → Account defaults → Currency). */
  additionalCurrencies: string[];
  uiDomain: string;
  dataHostingLocation: string;
  createdAt: number;
  rateLimit: RateLimitConfig;
  daily: { day: string; count: number };
  /** Each app's rolling window of accepted requests in this portal (sandbox-clock ms): `oauth:<client id>` or `private:<token>`. */
  appWindows: Map<string, number[]>;
  /** Accepted CRM search requests of the last second. */
  searchWindow: number[];
  nextId: number;
  objects: Record<ObjectType, Map<string, CrmObject>>;
  properties: Record<ObjectType, Map<string, PropertyDef>>;
  groups: Record<ObjectType, Map<string, PropertyGroupDef>>;
  /** `${type}:${id}` → `${type}:${id}` → association specs; both directions are kept. */
  associations: Map<string, Map<string, AssociationSpec[]>>;
  pipelines: Map<string, Pipeline>;
  forms: Map<string, FormDef>;
  submissions: Submission[];
  stats: PortalStats;
}

export interface AccessToken {
  token: string;
  portalId: number;
  kind: 'private' | 'oauth';
  scopes: string[];
  /** Sandbox-clock ms; absent for private-app tokens, which do not expire. */
  expiresAt?: number;
  clientId?: string;
}

export interface RefreshToken {
  token: string;
  portalId: number;
  clientId: string;
  scopes: string[];
}

export interface AuthCode {
  code: string;
  portalId: number;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
}

export const defaultRateLimit = (): RateLimitConfig => ({ max: 100, oauthMax: 110, intervalMs: 10_000, daily: 250_000, searchPerSecond: 5 });

/** All scopes a sandbox private app gets unless told otherwise. */
export const allScopes = [
  'crm.objects.contacts.read', 'crm.objects.contacts.write',
  'crm.objects.companies.read', 'crm.objects.companies.write',
  'crm.objects.deals.read', 'crm.objects.deals.write',
  'crm.objects.line_items.read', 'crm.objects.line_items.write',
  'crm.schemas.contacts.read', 'crm.schemas.contacts.write',
  'crm.schemas.deals.read', 'crm.schemas.deals.write',
  'crm.schemas.line_items.read',
  'e-commerce', 'forms', 'oauth',
];

let nextPortalId = 90_000_001;

export interface CreatePortalOptions {
  name?: string;
  timeZone?: string;
  companyCurrency?: string;
  additionalCurrencies?: string[];
  rateLimit?: Partial<RateLimitConfig>;
}

/** The HubSpot stand-in's memory: portals (each a small CRM), tokens, OAuth codes. */
export class HubSpotStore {
  readonly portals = new Map<number, Portal>();
  readonly tokens = new Map<string, AccessToken>();
  readonly refreshTokens = new Map<string, RefreshToken>();
  readonly authCodes = new Map<string, AuthCode>();
  /** Sandbox-registered OAuth apps (client id → secret). Unregistered client ids are accepted with any secret. */
  readonly apps = new Map<string, string>();
  /** Calls to the OAuth token API by route (`POST /oauth/2026-03/token`, …), since the last reset. */
  readonly oauthCalls = new Map<string, number>();
  /** Limits given to new portals; a setting of the stand-in, so it survives `reset()`. */
  defaultRateLimit: RateLimitConfig = defaultRateLimit();

  constructor(readonly clock: SandboxClock) {}

  /** What a restart keeps (start-sandbox.ts `stateFile`): everything but the clock. */
  snapshot(): Record<string, unknown> {
    const { clock: _clock, ...data } = this;
    return data;
  }

  restore(saved: Record<string, unknown>) {
    restoreInto(this, saved);
    // A state file from before per-app windows and search limits: their defaults.
    for (const portal of this.portals.values()) {
      portal.rateLimit = { ...defaultRateLimit(), ...portal.rateLimit };
      portal.appWindows ??= new Map();
      portal.searchWindow ??= [];
    }
    // Portal ids are never reused: new portals number on from the highest restored one.
    nextPortalId = Math.max(nextPortalId, ...[...this.portals.keys()].map((id) => id + 1));
  }

  reset() {
    this.oauthCalls.clear();
    this.portals.clear();
    this.tokens.clear();
    this.refreshTokens.clear();
    this.authCodes.clear();
    this.apps.clear();
  }

  createPortal(options: CreatePortalOptions = {}): Portal {
    const now = this.clock.nowMs();
    const portalId = nextPortalId++;
    const portal: Portal = {
      portalId,
      name: options.name ?? `Sandbox portal ${portalId}`,
      timeZone: options.timeZone ?? 'US/Eastern',
      companyCurrency: options.companyCurrency ?? 'USD',
      additionalCurrencies: options.additionalCurrencies ?? [],
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
      createdAt: now,
      rateLimit: { ...this.defaultRateLimit, ...options.rateLimit },
      daily: { day: '', count: 0 },
      appWindows: new Map(),
      searchWindow: [],
      nextId: 100_001,
      objects: {} as Portal['objects'],
      properties: {} as Portal['properties'],
      groups: {} as Portal['groups'],
      associations: new Map(),
      pipelines: new Map([['default', defaultDealPipeline(now)]]),
      forms: new Map(),
      submissions: [],
      stats: emptyStats(now),
    };
    for (const type of objectTypes) {
      const seed = seedProperties(type, now);
      portal.objects[type] = new Map();
      portal.properties[type] = new Map(seed.properties.map((p) => [p.name, p]));
      portal.groups[type] = new Map(seed.groups.map((g) => [g.name, g]));
    }
    this.portals.set(portalId, portal);
    return portal;
  }

  issuePrivateAppToken(portal: Portal, scopes = allScopes): AccessToken {
    const token: AccessToken = { token: `pat-na1-${randomUUID()}`, portalId: portal.portalId, kind: 'private', scopes };
    this.tokens.set(token.token, token);
    return token;
  }

  /** An OAuth access token (lifetime 30 min of sandbox time, as HubSpot's) and a refresh token. */
  issueOAuthTokens(portalId: number, clientId: string, scopes: string[], refreshToken?: string) {
    const access: AccessToken = {
      token: `CO${randomBytes(24).toString('base64url')}`,
      portalId,
      kind: 'oauth',
      scopes,
      clientId,
      expiresAt: this.clock.nowMs() + 1800 * 1000,
    };
    this.tokens.set(access.token, access);
    const refresh: RefreshToken = refreshToken
      ? this.refreshTokens.get(refreshToken)!
      : { token: `na1-${randomUUID()}`, portalId, clientId, scopes };
    this.refreshTokens.set(refresh.token, refresh);
    return { access, refresh };
  }

  nextObjectId(portal: Portal): string {
    return String(portal.nextId++);
  }
}

export function emptyStats(now: number): PortalStats {
  return { since: now, requests: 0, rateLimited: 0, maxInWindow: 0, byEndpoint: {}, window: [] };
}
