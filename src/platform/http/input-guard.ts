import { AppError } from './errors.js';
import type { App } from './types.js';

/** NUL (which PostgreSQL text cannot hold) and UTF-16 halves without their pair (not text at all). */
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function holdsUnstorable(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return unstorable.test(value);
  // A raw body (webhooks verify the exact bytes) is not text yet: its handler parses it.
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || depth > 16) return false;
  return Object.entries(value).some(([key, child]) => unstorable.test(key) || holdsUnstorable(child, depth + 1));
}

/**
 * Every request's body, query and path parameters are refused with 400 when a string holds a NUL
 * character or a lone surrogate, before any handler or query sees them: they cannot be stored and
 * would otherwise end as a database error (500).
 */
export function registerInputGuard(app: App) {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      if (holdsUnstorable(value)) throw new AppError('validation_failed', `Invalid request ${part}: a value holds a NUL character or invalid Unicode.`);
    }
  });
}
