import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus } from '../../src/platform/http/errors.js';
import type { ApiRoute } from '../../src/server.js';
import { serverDatabaseUrl } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';
import { nextClientIp, safeJson } from '../helpers/harness.js';

/**
 * Issue 11: every public operation and every private write route, 1,000 generated requests each
 * (fast-check, fixed seed): no 5xx, every error in the one documented body, nothing of the URL echoed.
 * The routes are dealt into shards, one test file each (fuzz-*.test.ts), so the suite's workers share them.
 */
const runsPerRoute = 1000;
const seed = 20261202;

/** Strings an attacker would try: NUL, lone surrogates, markup, SQL, card numbers, very long text, any Unicode. */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '<script>alert(1)</script>', "' OR 1=1 --", '4242 4242 4242 4242', '../../etc/passwd', '%00', '{{7*7}}', '', ' '),
  fc.string({ minLength: 200, maxLength: 3000 }),
);

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nasty,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('any'), { maxLength: 4 }),
    fc.dictionary(nasty, tie('any'), { maxKeys: 4 }),
  ),
})).any;

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
}

/** Values shaped like the schema (so requests reach the handlers), each with a chance of being anything at all. */
function shaped(schema: Schema | undefined, known: string[], depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return value;
  const own: fc.Arbitrary<unknown>[] = [];
  if (schema.const !== undefined) own.push(fc.constant(schema.const));
  if (schema.enum) own.push(fc.constantFrom(...schema.enum));
  if (schema.anyOf) own.push(...schema.anyOf.map((s) => shaped(s, known, depth + 1)));
  switch (schema.type) {
    case 'object':
      own.push(
        fc.record(Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, s]) => [key, shaped(s, known, depth + 1)])), { requiredKeys: [] }),
      );
      break;
    case 'array':
      own.push(fc.array(shaped(schema.items, known, depth + 1), { maxLength: 4 }));
      break;
    case 'string':
      own.push(nasty, fc.constantFrom(...known), fc.emailAddress());
      break;
    case 'integer':
    case 'number':
      own.push(fc.integer({ min: -10, max: 100_000 }), fc.constantFrom(0, 1, 2 ** 31, Number.MAX_SAFE_INTEGER, -1));
      break;
    case 'boolean':
      own.push(fc.boolean());
      break;
  }
  return own.length ? fc.oneof(fc.oneof(...own), fc.oneof(...own), value) : value;
}

/** Percent-encodes UTF-8 bytes (lone surrogates become U+FFFD, as a browser would send them). */
const encodeSegment = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

// Once per run: on PostgreSQL when it is there, else on PGlite (both run the same SQL and the same app).
const fuzzDriver = serverDatabaseUrl ? 'pg' : 'pglite';

export function fuzzRoutes(shard: number, shards: number) {
  describe(`fuzzing every public operation and private write route, shard ${shard + 1} of ${shards} (${fuzzDriver})`, () => {
    let world: CheckoutWorld;
    let merchant: Merchant;
    let known: Record<string, string[]>;
    let paymentId: string;
    beforeAll(async () => {
      world = await startCheckoutWorld(fuzzDriver);
      merchant = await createMerchant(world.t);
      const bought = await new Buyer(world, merchant).buy('pm_card_visa');
      paymentId = bought.payment.id;
      const me = (await merchant.client.request('GET', '/api/v1/me')).json();
      known = {
        accountId: [merchant.accountId],
        formId: [merchant.formId],
        paymentId: [paymentId],
        transactionId: [paymentId],
        priceId: Object.values(merchant.prices),
        productId: [(await merchant.client.request('GET', '/api/v1/products')).json().data[0].id],
        userId: [me.user.id],
        inviteId: [],
        // Only live: fuzzing test mode's connections would disconnect the merchant the other routes use.
        mode: ['live'],
      };
    }, 120_000);
    afterAll(() => world?.close());

    const routes = () =>
      world.t.app.apiRoutes.filter((r) => (r.method !== 'GET' || r.access === 'public') && r.url !== '/api/v1/auth/logout').filter((_, i) => i % shards === shard);

    function requestFor(route: ApiRoute) {
      const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const segment = (name: string) =>
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...(known[name]?.length ? known[name]! : ['x'])).map((text) => ({ text, generated: false })) },
          { weight: 2, arbitrary: nasty.map((text) => ({ text, generated: true })) },
        );
      const knownValues = Object.values(known).flat();
      const body = fc.oneof(
        { weight: 6, arbitrary: shaped(route.bodySchema as Schema, knownValues).map((b) => ({ payload: JSON.stringify(b ?? null), type: 'application/json' })) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((payload) => ({ payload, type: 'application/json' })) },
        { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 100 }), fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml')).map(([payload, type]) => ({ payload, type })) },
      );
      return fc.record({
        params: fc.tuple(...names.map(segment)),
        body,
        csrf: fc.boolean().map((b) => b || route.access === 'public'),
        signature: fc.option(nasty, { nil: undefined }),
      }).map((r) => ({ ...r, names }));
    }

    it(`answers ${runsPerRoute} generated requests per route with no 5xx, only the documented error body, and no echo of the URL`, { timeout: 1_200_000 }, async () => {
      const client = merchant.client;
      let sent = 0;
      for (const route of routes()) {
        await fc.assert(
          fc.asyncProperty(requestFor(route), async ({ params, body, csrf, signature, names }) => {
            let url = route.url;
            names.forEach((name, i) => (url = url.replace(`:${name}`, encodeSegment(params[i]!.text) || '%20')));
            client.ip = nextClientIp();
            const headers: Record<string, string> = { 'content-type': body.type };
            if (!csrf) headers['x-csrf-token'] = 'not-the-token';
            if (signature !== undefined) headers['stripe-signature'] = signature.replace(/[^\x20-\x7e]/g, '');
            const res = await client.request(route.method as 'POST', url, body.payload, headers);
            sent++;
            const context = `${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 300)}`;
            expect(res.statusCode, context).toBeLessThan(500);
            if (res.statusCode >= 400) {
              const json = safeJson(res.body) as { error?: Record<string, unknown> } | undefined;
              expect(json && Object.keys(json), context).toEqual(['error']);
              expect(Object.keys(errorStatus), context).toContain(json!.error!.code);
              expect(typeof json!.error!.message, context).toBe('string');
              expect(json!.error!.requestId, context).toBe(res.headers['x-request-id']);
            }
            for (const param of params) {
              if (param.generated && param.text.length >= 8) expect(res.body.includes(param.text), `${context} echoes ${JSON.stringify(param.text)}`).toBe(false);
            }
          }),
          { seed, numRuns: runsPerRoute, endOnFailure: true },
        );
      }
      expect(sent).toBeGreaterThanOrEqual(Math.floor((runsPerRoute * 30) / shards));
    });
  });
}
