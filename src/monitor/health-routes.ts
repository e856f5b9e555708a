import { Type } from '@sinclair/typebox';
import { pendingMigrations } from '../platform/schema/migrate.js';
import type { App, AppContext } from '../platform/http/types.js';

/**
 * GET /healthz — the process answers. GET /readyz — the database answers, its migrations are
 * current, and the instance is not shutting down.
 */
export function registerHealthRoutes(app: App, ctx: AppContext) {
  app.get(
    '/healthz',
    { config: { access: 'public' }, schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        response: {
          200: Type.Object({ status: Type.Literal('ready'), database: Type.Literal('ok') }),
          503: Type.Object({ status: Type.Literal('not_ready'), reason: Type.String() }),
        },
      },
    },
    async (_request, reply) => {
      if (ctx.lifecycle?.draining) return reply.code(503).send({ status: 'not_ready', reason: 'shutting down' });
      try {
        const pending = await pendingMigrations(ctx.database);
        if (pending.length > 0) return reply.code(503).send({ status: 'not_ready', reason: `migrations pending: ${pending.join(', ')}` });
        return { status: 'ready' as const, database: 'ok' as const };
      } catch {
        return reply.code(503).send({ status: 'not_ready', reason: 'database unreachable' });
      }
    },
  );
}
