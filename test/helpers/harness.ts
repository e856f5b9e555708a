import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { SecretBox, type EncryptionKey } from '../../src/platform/crypto/secret-box.js';
import { newKey } from '../../src/platform/crypto/encryption-keys.js';
import type { App, AppContext } from '../../src/platform/http/types.js';
import { buildServer } from '../../src/server.js';
import { createTestDatabase, type Driver, type TestDatabase } from './databases.js';

export interface TestApp {
  app: App;
  ctx: AppContext;
  /** The PostgreSQL database's URL (absent on PGlite): for tools that connect on their own, like pg_dump. */
  databaseUrl?: string;
  /** Every log line the server wrote, as text (tests prove what never appears in it). */
  logs: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Base URLs of running stand-ins (from `startSandbox()`): the app then runs in sandbox mode. */
  sandboxUrls?: AppContext['sandboxUrls'];
  /** A database the test prepared (closed with the app), instead of a fresh migrated one. */
  database?: TestDatabase;
  /** The encryption keys its secrets were sealed with, instead of a new key. */
  keys?: EncryptionKey[];
}

export async function startTestApp(driver: Driver, env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase(driver));
  const config: Config = loadConfig({ PUBLIC_URL: 'http://localhost:3000', LOG_LEVEL: 'info', DATA_DIR: '/tmp/onepagepay-test-unused', ...env });
  const ctx: AppContext = { config, database: db.database, secretBox: new SecretBox(options.keys ?? [newKey()]), ...(options.sandboxUrls ? { sandboxUrls: options.sandboxUrls } : {}) };
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const app = await buildServer(ctx, { logStream });
  await app.ready();
  return {
    app,
    ctx,
    databaseUrl: db.url,
    logs,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** A browser-like client over app.inject: keeps cookies, sends Origin and the CSRF token like the dashboard does. */
export class TestClient {
  cookies = new Map<string, string>();
  csrfToken: string | undefined;
  origin = 'http://localhost:3000';
  /** The address the server sees: one per client, as browsers on different networks (per-IP limits). */
  ip = nextClientIp();

  constructor(readonly app: App) {}

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const changes = !['GET', 'OPTIONS'].includes(method);
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      payload: body === undefined ? undefined : (body as object),
      headers: {
        ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}),
        ...(changes ? { origin: this.origin, 'sec-fetch-site': 'same-origin' } : {}),
        ...(changes && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (expired || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const json = safeJson(res.body) as { csrfToken?: string } | undefined;
    if (json && typeof json.csrfToken === 'string') this.csrfToken = json.csrfToken;
    return res;
  }

  async fetchCsrf() {
    const res = await this.request('GET', '/api/v1/auth/csrf');
    return res.json().csrfToken as string;
  }

  async signup(email: string, password = 'correct horse battery', extra: Record<string, string> = {}) {
    await this.fetchCsrf();
    const res = await this.request('POST', '/api/v1/auth/signup', { email, password, ...extra });
    if (res.statusCode !== 202) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
    // Sign-up never signs in (it must not tell whether the email existed): the dashboard signs in next.
    const signedIn = await this.login(email, password);
    if (signedIn.statusCode !== 200) throw new Error(`sign-in after signup failed: ${signedIn.statusCode} ${signedIn.body}`);
    return signedIn.json() as { account: { id: string }; user: { id: string }; role: string; csrfToken: string };
  }

  async login(email: string, password = 'correct horse battery') {
    await this.fetchCsrf();
    return this.request('POST', '/api/v1/auth/login', { email, password });
  }
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

let counter = 0;
let clients = 0;
/** 10.x.y.z addresses, a new one per call (never sent anywhere: app.inject only). */
export const nextClientIp = () => `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients++ & 255}`;
export const uniqueEmail = (label = 'user') => `${label}-${Date.now().toString(36)}-${counter++}@example.com`;
