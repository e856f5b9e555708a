import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ModeSchema } from '../../accounts/schemas.js';
import type { Mode } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { callHubSpot } from '../../providers/hubspot/hubspot-client.js';
import { hubspotErrorToAppError, hubspotStatus } from '../../providers/hubspot/hubspot-errors.js';
import { loadHubSpotConnection, type HubSpotConnection } from '../../providers/hubspot/load-hubspot-connection.js';
import { DealPipelineSchema, type DealPipeline } from '../schemas.js';

/** GET /api/v1/connections/hubspot/:mode/pipelines — the connected portal's deal pipelines and their stages, in HubSpot's order. */
export function registerHubSpotPipelines(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/connections/hubspot/:mode/pipelines',
    {
      config: { access: 'viewer' },
      schema: { tags: ['connections'], params: Type.Object({ mode: ModeSchema }), response: { 200: Type.Object({ data: Type.Array(DealPipelineSchema) }) } },
    },
    async (request) => ({ data: await dealPipelines(ctx, member(request).accountId, request.params.mode) }),
  );
}

/**
 * Reads from the mode's connected portal; an OAuth token HubSpot no longer takes before its expiry
 * (another instance refreshed it) is refreshed once. HubSpot's errors are said in words for `what`.
 */
export async function readConnectedPortal<T>(ctx: AppContext, accountId: string, mode: Mode, what: string, read: (conn: HubSpotConnection) => Promise<T>): Promise<T> {
  const connected = async (forceRefresh: boolean) => {
    const conn = await loadHubSpotConnection(ctx, accountId, mode, { forceRefresh });
    if (!conn) throw new AppError('not_found', `HubSpot is not connected in ${mode} mode. Connect HubSpot in ${mode} mode first.`);
    return conn;
  };
  try {
    const conn = await connected(false);
    return await read(conn).catch(async (err: unknown) => {
      if (conn.authType !== 'oauth' || hubspotStatus(err)?.status !== 401) throw err;
      return read(await connected(true));
    });
  } catch (err) {
    throw hubspotErrorToAppError(err, what);
  }
}

async function dealPipelines(ctx: AppContext, accountId: string, mode: Mode): Promise<DealPipeline[]> {
  const answer = await readConnectedPortal(ctx, accountId, mode, 'listing the deal pipelines', (conn) =>
    callHubSpot(conn.portalId, () => conn.client.crm.pipelines.pipelinesApi.getAll('deals')),
  );
  const byOrder = (a: { displayOrder: number; label: string }, b: { displayOrder: number; label: string }) => a.displayOrder - b.displayOrder || a.label.localeCompare(b.label);
  return answer.results
    .filter((p) => !p.archived)
    .sort(byOrder)
    .map((p) => ({
      id: p.id,
      label: p.label,
      displayOrder: p.displayOrder,
      stages: p.stages
        .filter((s) => !s.archived)
        .sort(byOrder)
        .map((s) => {
          const probability = Number(s.metadata?.probability);
          return { id: s.id, label: s.label, displayOrder: s.displayOrder, closed: s.metadata?.isClosed === 'true', probability: Number.isFinite(probability) ? probability : null };
        }),
    }));
}
