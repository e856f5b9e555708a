import type { Static } from '@sinclair/typebox';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { providerConnections, providerReachability, providerStatus, providerStatusEvents, type MonitoredProvider, type Mode } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import { staleAfterSeconds } from './provider-availability.js';
import type { ProviderHealthListSchema } from './schemas.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The latest check of each of the account's connections (both modes), and this deployment's reachability of each provider. */
export async function listProviderHealth(tx: Tx, ctx: Pick<AppContext, 'config'>, accountId: string): Promise<Static<typeof ProviderHealthListSchema>> {
  const staleBefore = Date.now() - staleAfterSeconds(ctx.config) * 1000;
  const stale = (checkedAt: Date | null) => !checkedAt || checkedAt.getTime() < staleBefore;
  const rows = await tx
    .select({ provider: providerConnections.provider, mode: providerConnections.mode, updatedAt: providerConnections.updatedAt, s: providerStatus })
    .from(providerConnections)
    .leftJoin(
      providerStatus,
      and(eq(providerStatus.accountId, providerConnections.accountId), eq(providerStatus.mode, providerConnections.mode), eq(providerStatus.provider, providerConnections.provider)),
    )
    .where(eq(providerConnections.accountId, accountId))
    .orderBy(providerConnections.provider, providerConnections.mode);
  const reachability = await tx.select().from(providerReachability).orderBy(providerReachability.provider);
  return {
    data: rows.map(({ provider, mode, updatedAt, s }) => {
      // A result from before a reconnect speaks of the old credentials.
      const current = s && s.status !== 'unknown' && s.checkedAt >= updatedAt ? s : null;
      return {
        provider,
        mode,
        status: current?.status ?? 'unknown',
        reason: current?.reason ?? 'not_checked',
        detail: current?.detail ?? null,
        latencyMs: current?.latencyMs ?? null,
        checkedAt: iso(current?.checkedAt ?? null),
        since: iso(current?.changedAt ?? null),
        stale: stale(current?.checkedAt ?? null),
      };
    }),
    reachability: reachability.map((r) => {
      const checked = r.status !== 'unknown';
      return {
        provider: r.provider,
        target: r.target,
        status: r.status,
        reason: r.reason,
        latencyMs: r.latencyMs,
        checkedAt: checked ? iso(r.checkedAt) : null,
        since: checked ? iso(r.changedAt) : null,
        stale: !checked || stale(r.checkedAt),
      };
    }),
    intervalSeconds: ctx.config.monitorIntervalSeconds,
  };
}

/** A connection's status periods, newest first, keyset-paged by event id. */
export async function listStatusHistory(tx: Tx, scope: { accountId: string; provider: MonitoredProvider; mode: Mode }, query: { limit: number; cursor?: string }) {
  const e = providerStatusEvents;
  const where = [eq(e.accountId, scope.accountId), eq(e.provider, scope.provider), eq(e.mode, scope.mode)];
  if (query.cursor) {
    const after = /^\d{1,18}$/.test(query.cursor) ? Number(query.cursor) : 0;
    const [cursor] = await tx.select({ startedAt: e.startedAt, id: e.id }).from(e).where(and(...where, eq(e.id, after)));
    // An unknown cursor (or another account's) matches nothing.
    if (!cursor) return { data: [], nextCursor: null };
    where.push(or(lt(e.startedAt, cursor.startedAt), and(eq(e.startedAt, cursor.startedAt), lt(e.id, cursor.id)))!);
  }
  const rows = await tx
    .select()
    .from(e)
    .where(and(...where))
    .orderBy(desc(e.startedAt), desc(e.id))
    .limit(query.limit + 1);
  const data = rows.slice(0, query.limit);
  return {
    data: data.map((r) => ({ id: String(r.id), status: r.status, reason: r.reason, detail: r.detail, startedAt: r.startedAt.toISOString(), endedAt: iso(r.endedAt) })),
    nextCursor: rows.length > query.limit ? String(data[data.length - 1].id) : null,
  };
}
