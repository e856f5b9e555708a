import { Type } from '@sinclair/typebox';
import { and, desc, eq, lt } from 'drizzle-orm';
import { auditLog, users } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { member } from '../auth-gate.js';
import { AuditEntrySchema } from '../schemas.js';

/** GET /api/v1/audit-log — who did what, newest first; page with `before` (an entry id). */
export function registerAuditList(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/audit-log',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['account'],
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })), before: Type.Optional(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ data: Type.Array(AuditEntrySchema), nextBefore: Type.Union([Type.Number(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const me = member(request);
      const limit = request.query.limit ?? 50;
      const rows = await withTenant(ctx.database, me.accountId, (tx) =>
        tx
          .select({ entry: auditLog, actor: users.email })
          .from(auditLog)
          .leftJoin(users, eq(users.id, auditLog.userId))
          .where(and(eq(auditLog.accountId, me.accountId), request.query.before ? lt(auditLog.id, request.query.before) : undefined))
          .orderBy(desc(auditLog.id))
          .limit(limit),
      );
      return {
        data: rows.map(({ entry, actor }) => ({
          id: entry.id,
          action: entry.action,
          actor,
          target: entry.target,
          metadata: entry.metadata,
          ip: entry.ip,
          createdAt: entry.createdAt.toISOString(),
        })),
        nextBefore: rows.length === limit ? rows[rows.length - 1].entry.id : null,
      };
    },
  );
}
