import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ModeSchema } from '../../accounts/schemas.js';
import type { Mode } from '../../platform/db/schema.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { callHubSpot } from '../../providers/hubspot/hubspot-client.js';
import { readConnectedPortal } from '../read-connected-portal.js';
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
