import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import { useHubSpotPipelines } from '../../api/connections.js';
import type { DealPipeline, DealStage } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { Field } from '../../components/Field.js';
import { Loading } from '../../components/states.js';
import { defaultPipelineId, defaultStageId, effectivePipeline, withPipeline, type FormDraft } from './form-draft.js';

export interface DealPipelineProps {
  draft: FormDraft;
  set: <K extends keyof FormDraft>(field: K, value: FormDraft[K]) => void;
  update: (change: (draft: FormDraft) => FormDraft) => void;
  stageError?: string;
}

/**
 * Where the form's deals go: the pipeline, the stage when paid and the stage when fully refunded,
 * picked from the pipelines of the HubSpot portal connected in the current mode. Typed as ids when
 * HubSpot is not connected or its pipelines cannot be read.
 */
export function DealPipelineFields(props: DealPipelineProps) {
  const { mode } = useSession();
  const pipelines = useHubSpotPipelines();
  // Pipelines already shown stay while a refetch fails.
  if (pipelines.data) return <PipelineSelects {...props} pipelines={pipelines.data} />;
  if (pipelines.isPending) return <Loading label="Loading your HubSpot pipelines…" />;
  const notConnected = pipelines.error instanceof ApiError && pipelines.error.code === 'not_found';
  return (
    <>
      <p className="hint" role="status">
        {notConnected ? (
          <>
            HubSpot is not connected in {mode} mode: type the ids below, or <Link to="/connections">connect HubSpot</Link> to pick them from its pipelines.
          </>
        ) : (
          <>
            Your HubSpot pipelines could not be loaded ({errorMessage(pipelines.error)}): type the ids below, or{' '}
            <button type="button" className="button button-small" onClick={() => pipelines.refetch()}>
              Try again
            </button>
          </>
        )}
      </p>
      <PipelineTextInputs {...props} />
    </>
  );
}

const notInHubSpot = (id: string) => (
  <option key={`missing-${id}`} value={id}>
    {id} (not in HubSpot)
  </option>
);

function stageOptions(stages: DealStage[], selected: string) {
  const options = stages.map((s) => (
    <option key={s.id} value={s.id}>
      {s.label}
    </option>
  ));
  // A saved id HubSpot no longer has stays visible (and saved) until another is picked.
  return selected && !stages.some((s) => s.id === selected) ? [notInHubSpot(selected), ...options] : options;
}

function PipelineSelects({ draft, set, update, stageError, pipelines }: DealPipelineProps & { pipelines: DealPipeline[] }) {
  const { pipeline, stage } = effectivePipeline(draft);
  const current = pipelines.find((p) => p.id === pipeline);
  const stages = current?.stages ?? [];
  return (
    <div className="field-row">
      <Field label="Deal pipeline" hint="From your HubSpot portal.">
        {(props) => (
          <select
            {...props}
            value={pipeline}
            onChange={(e) => {
              const picked = pipelines.find((p) => p.id === e.target.value);
              if (picked) update((d) => withPipeline(d, picked));
            }}
          >
            {!current && notInHubSpot(pipeline)}
            {pipelines.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Stage when paid" error={stageError}>
        {(props) => (
          <select {...props} value={stage} onChange={(e) => set('dealStage', e.target.value)}>
            {!stage && (
              <option value="" disabled>
                Choose a stage
              </option>
            )}
            {stageOptions(stages, stage)}
          </select>
        )}
      </Field>
      <Field label="Stage when fully refunded">
        {(props) => (
          <select {...props} value={draft.refundStage} onChange={(e) => set('refundStage', e.target.value)}>
            <option value="">No change</option>
            {stageOptions(stages, draft.refundStage)}
          </select>
        )}
      </Field>
    </div>
  );
}

/** HubSpot's default sales pipeline, offered as suggestions when the portal's own cannot be listed. */
const defaultStages = [
  ['appointmentscheduled', 'Appointment scheduled'],
  ['qualifiedtobuy', 'Qualified to buy'],
  ['presentationscheduled', 'Presentation scheduled'],
  ['decisionmakerboughtin', 'Decision maker bought-in'],
  ['contractsent', 'Contract sent'],
  [defaultStageId, 'Closed won'],
  ['closedlost', 'Closed lost'],
] as const;

function PipelineTextInputs({ draft, set, stageError }: DealPipelineProps) {
  return (
    <div className="field-row">
      <Field label="Deal pipeline" hint={`Pipeline id; empty: ${defaultPipelineId}.`}>
        {(props) => <input {...props} list="hubspot-pipelines" maxLength={100} value={draft.dealPipeline} onChange={(e) => set('dealPipeline', e.target.value)} />}
      </Field>
      <Field label="Stage when paid" hint={`Stage id; empty: ${defaultStageId}.`} error={stageError}>
        {(props) => <input {...props} list="hubspot-stages" maxLength={100} value={draft.dealStage} onChange={(e) => set('dealStage', e.target.value)} />}
      </Field>
      <Field label="Stage when fully refunded" hint="Stage id; empty: the deal stays where it is.">
        {(props) => <input {...props} list="hubspot-stages" maxLength={100} value={draft.refundStage} onChange={(e) => set('refundStage', e.target.value)} />}
      </Field>
      <datalist id="hubspot-pipelines">
        <option value={defaultPipelineId}>Sales pipeline (HubSpot's default)</option>
      </datalist>
      <datalist id="hubspot-stages">
        {defaultStages.map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </datalist>
    </div>
  );
}
