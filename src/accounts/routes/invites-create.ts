import { Type } from '@sinclair/typebox';
import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { accounts, invites } from '../../platform/db/schema.js';
import { mailerOf } from '../../platform/mail/mailer.js';
import { escapeHtml } from '../../platform/text/escape-html.js';
import { withTenant } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/http/errors.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { audit } from '../audit.js';
import { hasRole, member } from '../auth-gate.js';
import { normalizeEmail } from '../create-account.js';
import { hashInviteToken, inviteUrl, inviteValidDays, newInviteToken } from '../invite-token.js';
import { CreatedInviteSchema, Email } from '../schemas.js';

/** POST /api/v1/invites — an invite link (shown once) for a new admin or viewer. */
export function registerInvitesCreate(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/invites',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['team'],
        body: Type.Object({ email: Email, role: Type.Union([Type.Literal('admin'), Type.Literal('viewer')]) }, { additionalProperties: false }),
        response: { 201: CreatedInviteSchema },
      },
    },
    async (request, reply) => {
      const me = member(request);
      if (request.body.role === 'admin' && !hasRole(me.role, 'admin')) throw new AppError('forbidden', 'Only admins and owners can invite admins.');
      const token = newInviteToken();
      const row = await withTenant(ctx.database, me.accountId, async (tx) => {
        const [created] = await tx
          .insert(invites)
          .values({
            accountId: me.accountId,
            email: normalizeEmail(request.body.email),
            role: request.body.role,
            tokenHash: hashInviteToken(token),
            invitedBy: me.userId,
            expiresAt: new Date(Date.now() + inviteValidDays * 86_400_000),
          })
          .returning();
        await audit(tx, { accountId: me.accountId, userId: me.userId, action: 'member.invited', target: created.email, metadata: { role: created.role }, ip: request.ip });
        return created;
      });
      const url = inviteUrl(ctx.config.publicUrl, token);
      const emailed = sendInviteEmail(ctx, { to: row.email, url, role: row.role, accountName: await accountNameOf(ctx, me.accountId), log: request.log });
      return reply.code(201).send({ ...serializeInvite(row), inviteUrl: url, emailed });
    },
  );
}

async function accountNameOf(ctx: AppContext, accountId: string) {
  const [row] = await withTenant(ctx.database, accountId, (tx) => tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId)));
  return row?.name ?? 'a OnePagePay account';
}

/** Emails the invite link, after the answer (the copyable link stays in the answer); false when email is off. */
function sendInviteEmail(ctx: AppContext, invite: { to: string; url: string; role: string; accountName: string; log: FastifyBaseLogger }): boolean {
  const mailer = mailerOf(ctx);
  if (!mailer) return false;
  const what = `You are invited to join ${invite.accountName} on OnePagePay as ${invite.role === 'admin' ? 'an admin' : 'a viewer'}.`;
  mailer.sendLater(
    {
      to: invite.to,
      subject: `Join ${invite.accountName} on OnePagePay`,
      text: `${what}\n\nAccept the invitation (the link works for ${inviteValidDays} days):\n${invite.url}\n`,
      html: `<p>${escapeHtml(what)}</p><p><a href="${escapeHtml(invite.url)}">Accept the invitation</a> (the link works for ${inviteValidDays} days).</p>`,
    },
    invite.log,
  );
  return true;
}

export function serializeInvite(row: typeof invites.$inferSelect) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
  };
}
