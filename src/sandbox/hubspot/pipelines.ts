import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auth } from './auth.js';
import { renderPipeline, renderStage, type Pipeline } from './default-pipelines.js';
import { badRequest, notFound } from './errors.js';
import { resolveObjectType } from './object-types.js';
import type { HubSpotStore } from './store.js';

function pipelinesOf(req: FastifyRequest) {
  const raw = (req.params as { objectType: string }).objectType;
  if (resolveObjectType(raw) !== 'deals') throw badRequest(`Unable to infer object type from: ${raw} (the sandbox keeps pipelines for deals only)`);
  return auth(req).portal.pipelines;
}

function pipelineOf(req: FastifyRequest): Pipeline {
  const id = (req.params as { pipelineId: string }).pipelineId;
  const pipeline = pipelinesOf(req).get(id);
  if (!pipeline || pipeline.archived) throw notFound(`Unable to find pipeline ${id}`);
  return pipeline;
}

/** Deal pipelines and stages; every portal starts with HubSpot's default "Sales Pipeline". */
export async function registerPipelineRoutes(app: FastifyInstance, store: HubSpotStore) {
  app.get('/crm/v3/pipelines/:objectType', async (req) => ({
    results: [...pipelinesOf(req).values()].filter((p) => !p.archived).map(renderPipeline),
  }));

  app.get('/crm/v3/pipelines/:objectType/:pipelineId', async (req) => renderPipeline(pipelineOf(req)));

  app.get('/crm/v3/pipelines/:objectType/:pipelineId/stages', async (req) => ({ results: pipelineOf(req).stages.map(renderStage) }));

  app.get('/crm/v3/pipelines/:objectType/:pipelineId/stages/:stageId', async (req) => {
    const stageId = (req.params as { stageId: string }).stageId;
    const stage = pipelineOf(req).stages.find((s) => s.id === stageId);
    if (!stage) throw notFound(`Unable to find stage ${stageId}`);
    return renderStage(stage);
  });

  app.post('/crm/v3/pipelines/:objectType', async (req, reply) => {
    const pipelines = pipelinesOf(req);
    const input = (req.body ?? {}) as { label?: string; displayOrder?: number; stages?: { label?: string; displayOrder?: number; metadata?: Record<string, string> }[] };
    if (!input.label) throw badRequest('label is required');
    if (!Array.isArray(input.stages) || input.stages.length === 0) throw badRequest('a pipeline needs at least one stage');
    if ([...pipelines.values()].some((p) => p.label === input.label && !p.archived)) throw badRequest(`A pipeline labelled ${input.label} already exists`);
    const now = store.clock.nowMs();
    const pipeline: Pipeline = {
      id: String(randomInt(10_000_000, 99_999_999)),
      label: input.label,
      displayOrder: input.displayOrder ?? pipelines.size,
      createdAt: now,
      updatedAt: now,
      archived: false,
      stages: input.stages.map((s, i) => {
        if (!s.label) throw badRequest('every stage needs a label');
        const metadata = { isClosed: 'false', probability: '0.5', ...s.metadata };
        return { id: String(randomInt(10_000_000, 99_999_999)), label: s.label, displayOrder: s.displayOrder ?? i, metadata, createdAt: now, updatedAt: now, archived: false };
      }),
    };
    pipelines.set(pipeline.id, pipeline);
    return reply.code(201).send(renderPipeline(pipeline));
  });
}
