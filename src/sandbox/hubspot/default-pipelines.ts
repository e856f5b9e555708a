export interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  metadata: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
}

export interface Pipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStage[];
  createdAt: number;
  updatedAt: number;
  archived: boolean;
}

const defaultStages: [id: string, label: string, probability: string, isClosed: boolean][] = [
  ['appointmentscheduled', 'Appointment Scheduled', '0.2', false],
  ['qualifiedtobuy', 'Qualified To Buy', '0.4', false],
  ['presentationscheduled', 'Presentation Scheduled', '0.6', false],
  ['decisionmakerboughtin', 'Decision Maker Bought-In', '0.8', false],
  ['contractsent', 'Contract Sent', '0.9', false],
  ['closedwon', 'Closed Won', '1.0', true],
  ['closedlost', 'Closed Lost', '0.0', true],
];

/** HubSpot's default deal pipeline ("Sales Pipeline", id `default`) with its seven stages. */
export function defaultDealPipeline(nowMs: number): Pipeline {
  return {
    id: 'default',
    label: 'Sales Pipeline',
    displayOrder: 0,
    createdAt: nowMs,
    updatedAt: nowMs,
    archived: false,
    stages: defaultStages.map(([id, label, probability, isClosed], i) => ({
      id,
      label,
      displayOrder: i,
      metadata: { isClosed: String(isClosed), probability },
      createdAt: nowMs,
      updatedAt: nowMs,
      archived: false,
    })),
  };
}

export function renderPipeline(p: Pipeline) {
  return {
    id: p.id,
    label: p.label,
    displayOrder: p.displayOrder,
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
    archived: p.archived,
    stages: p.stages.map(renderStage),
  };
}

export function renderStage(s: PipelineStage) {
  return {
    id: s.id,
    label: s.label,
    displayOrder: s.displayOrder,
    metadata: s.metadata,
    createdAt: new Date(s.createdAt).toISOString(),
    updatedAt: new Date(s.updatedAt).toISOString(),
    archived: s.archived,
    writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
  };
}
