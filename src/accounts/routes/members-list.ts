import { Type } from '@sinclair/typebox';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { member } from '../auth-gate.js';
import { listMembers } from '../list-members.js';
import { MemberSchema } from '../schemas.js';

/** GET /api/v1/members — the team of the current account. */
export function registerMembersList(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/members',
    { config: { access: 'viewer' }, schema: { tags: ['team'], response: { 200: Type.Object({ data: Type.Array(MemberSchema) }) } } },
    async (request) => {
      const me = member(request);
      return { data: await withTenant(ctx.database, me.accountId, (tx) => listMembers(tx, me.accountId)) };
    },
  );
}
