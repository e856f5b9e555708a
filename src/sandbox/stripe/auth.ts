import type { FastifyRequest } from 'fastify';
import { authenticationError } from './errors.js';
import { randomToken } from './ids.js';
import type { Scope } from './env.js';
import type { ApiKey, StripeStore } from './store.js';

const keyPattern = /^(sk|rk|pk)_(test|live)_([A-Za-z0-9]{1,200})$/;
const kinds = { sk: 'secret', rk: 'restricted', pk: 'publishable' } as const;

export function parseKey(key: string): ApiKey | undefined {
  const m = keyPattern.exec(key);
  if (!m) return undefined;
  return { kind: kinds[m[1] as keyof typeof kinds], livemode: m[2] === 'live', account: m[3] };
}

/**
 * Mints the keys of a fresh sandbox account, as Stripe does: four independent random values, so
 * no key (the publishable one a browser sees, say) tells another. They are registered in the store.
 */
export function mintAccountKeys(store: StripeStore): { accountId: string; test: { secretKey: string; publishableKey: string }; live: { secretKey: string; publishableKey: string } } {
  const account = randomToken(24);
  const mint = (prefix: 'sk' | 'pk', livemode: boolean) => {
    const key = `${prefix}_${livemode ? 'live' : 'test'}_${randomToken(24)}`;
    store.keys.set(key, { kind: prefix === 'sk' ? 'secret' : 'publishable', livemode, account });
    return key;
  };
  return {
    accountId: `acct_${account}`,
    test: { secretKey: mint('sk', false), publishableKey: mint('pk', false) },
    live: { secretKey: mint('sk', true), publishableKey: mint('pk', true) },
  };
}

/** A minted key's account, or for any other well-formed key the ad-hoc account its suffix names. */
export function resolveKey(store: StripeStore, raw: string): ApiKey | undefined {
  return store.keys.get(raw) ?? parseKey(raw);
}

const requestIds = new WeakMap<FastifyRequest, string>();
const scopes = new WeakMap<FastifyRequest, Scope & { key: ApiKey }>();

/** The `req_…` id of a request; also the `Request-Id` response header. */
export function requestIdOf(req: FastifyRequest): string {
  let id = requestIds.get(req);
  if (!id) {
    id = `req_${randomToken(14)}`;
    requestIds.set(req, id);
  }
  return id;
}

function mask(key: string): string {
  if (key.length <= 12) return `${key.slice(0, 3)}${'*'.repeat(Math.max(0, key.length - 3))}`;
  return `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`;
}

function presentedKey(req: FastifyRequest, allowKeyParam: boolean): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const [scheme, value = ''] = header.split(' ', 2);
    if (/^bearer$/i.test(scheme)) return value.trim();
    // curl -u sk_test_…: sends the key as the Basic user name, as Stripe accepts.
    if (/^basic$/i.test(scheme)) return Buffer.from(value, 'base64').toString('utf8').split(':')[0];
    return value;
  }
  if (allowKeyParam) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const query = (req.query ?? {}) as Record<string, unknown>;
    const key = body.key ?? query.key;
    if (typeof key === 'string') return key;
  }
  return undefined;
}

/**
 * Authenticates a request and remembers its scope. `publishable` routes (those Stripe.js calls)
 * accept a publishable key, in the Authorization header or the `key` parameter.
 */
export function authenticate(req: FastifyRequest, store: StripeStore, access: 'secret' | 'publishable'): Scope & { key: ApiKey } {
  const raw = presentedKey(req, access === 'publishable');
  if (!raw) {
    throw authenticationError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  const key = resolveKey(store, raw);
  if (!key) throw authenticationError(`Invalid API Key provided: ${mask(raw)}`);
  if (key.kind === 'publishable' && access === 'secret') {
    throw authenticationError(
      'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
    );
  }
  const idem = req.headers['idempotency-key'];
  const scope = {
    key,
    data: store.mode(key.account, key.livemode),
    livemode: key.livemode,
    requestId: requestIdOf(req),
    idempotencyKey: typeof idem === 'string' ? idem : null,
  };
  scopes.set(req, scope);
  return scope;
}

/** The scope `authenticate` established for this request. */
export function scopeOf(req: FastifyRequest): Scope & { key: ApiKey } {
  const scope = scopes.get(req);
  if (!scope) throw new Error('request was not authenticated');
  return scope;
}

export function maybeScopeOf(req: FastifyRequest): (Scope & { key: ApiKey }) | undefined {
  return scopes.get(req);
}
