import { and, eq } from 'drizzle-orm';
import { memberships, users } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';

/** The account's members (or one of them), oldest first, as the API returns them. */
export async function listMembers(tx: Tx, accountId: string, userId?: string) {
  const rows = await tx
    .select({ userId: memberships.userId, email: users.email, name: users.name, role: memberships.role, createdAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, accountId), userId ? eq(memberships.userId, userId) : undefined))
    .orderBy(memberships.createdAt);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
