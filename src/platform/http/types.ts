import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.js';
import type { Database } from '../db/connect.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Mode, Role } from '../db/schema.js';
import type { SandboxUrls } from './schemas.js';

/** The Fastify instance every route file registers on. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** What the domain modules need from the process: built once in server.ts. */
export interface AppContext {
  config: Config;
  database: Database;
  secretBox: SecretBox;
  /** Base URLs of the sandbox stand-ins when running in sandbox mode. */
  sandboxUrls?: SandboxUrls;
  /** Set by `serve` on SIGTERM: /readyz answers 503 while requests still run, so load balancers move away first. */
  lifecycle?: { draining: boolean };
}

/**
 * Who may call a route, declared in its `config.access`:
 * - 'public': no session, CORS open (the payment API, webhooks, health).
 * - 'anonymous': private API that needs a (pre-login) session and CSRF token but no user (login, signup).
 * - a role: a signed-in member with at least this role in the session's account.
 */
export type Access = 'public' | 'anonymous' | Role;

export interface SessionAuth {
  sessionIdHash: string;
  csrfToken: string;
  userId: string | null;
  accountId: string | null;
  mode: Mode;
  role: Role | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Webhook routes read the raw body themselves (signature over the exact bytes). */
    rawBody?: boolean;
  }
  interface FastifyRequest {
    auth: SessionAuth | null;
  }
}
