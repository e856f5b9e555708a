import { and, eq, sql } from 'drizzle-orm';
import { accounts, memberships, type Role } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { AppError, notFound } from '../platform/http/errors.js';
import { hasRole } from './auth-gate.js';

/**
 * Who may change whom: admins manage admins and viewers; only an owner touches owners or makes one;
 * the last owner can be neither demoted nor removed, even by concurrent requests.
 */
export async function loadManagedMember(tx: Tx, accountId: string, actorRole: Role, userId: string, newRole?: Role) {
  // Team changes of one account apply one at a time (the account row's lock, held to commit), so
  // two owners demoting each other at once cannot both pass the last-owner check.
  await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for('update');
  const [target] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.accountId, accountId), eq(memberships.userId, userId)))
    .for('update');
  if (!target) throw notFound('Member');
  if ((target.role === 'owner' || newRole === 'owner') && !hasRole(actorRole, 'owner')) {
    throw new AppError('forbidden', 'Only an owner can change or remove an owner, or make someone an owner.');
  }
  if (target.role === 'owner' && newRole !== 'owner') {
    const [{ owners }] = await tx
      .select({ owners: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.accountId, accountId), eq(memberships.role, 'owner')));
    if (owners <= 1) throw new AppError('conflict', 'An account needs at least one owner. Make someone else owner first.');
  }
  return target;
}
