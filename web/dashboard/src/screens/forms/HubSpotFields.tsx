import { findConnection, useConnections, useCreateHubSpotForm, useHubSpotForms } from '../../api/connections.js';
import { useCan, useSession } from '../../auth/session.js';
import { InlineError } from '../../components/states.js';
import { Field } from '../../components/Field.js';
import { DealPipelineFields, type DealPipelineProps } from './DealPipelineFields.js';
import { currencyWarning, type FormDraftErrors } from './form-draft.js';

/** The HubSpot form the payment form sits next to, and where its deals go; warns when HubSpot would refuse the form's currency. */
export function HubSpotFields({ errors, currency, ...pipelineProps }: Omit<DealPipelineProps, 'stageError'> & { errors: FormDraftErrors; currency: string | undefined }) {
  const { draft, set } = pipelineProps;
  const { mode } = useSession();
  const connections = useConnections();
  const connection = connections.data && findConnection(connections.data, 'hubspot', mode);
  const hubspot = connection?.hubspot;
  const warning = currencyWarning(currency, hubspot?.currencies ?? []);
  const portalForms = useHubSpotForms(Boolean(hubspot));
  const picked = portalForms.data && draft.portalId === portalForms.data.portalId ? draft.hubspotFormId : '';
  const createForm = useCreateHubSpotForm(mode);
  const canCreateForm = useCan('admin') && Boolean(connection?.sandbox && hubspot);
  const create = () =>
    createForm.mutate(draft.name.trim() || 'Payment form', {
      onSuccess: (made) => {
        set('portalId', made.portalId);
        set('hubspotFormId', made.id);
      },
    });
  return (
    <fieldset className="stack fieldset">
      <legend>HubSpot</legend>
      {warning && (
        <p className="callout" role="status">
          {warning}
        </p>
      )}
      {portalForms.data && portalForms.data.data.length > 0 && (
        <Field label="HubSpot form" hint="A form of the connected portal; or type its ids below.">
          {(props) => (
            <select
              {...props}
              value={picked}
              onChange={(e) => {
                set('portalId', e.target.value ? portalForms.data.portalId : draft.portalId);
                set('hubspotFormId', e.target.value);
              }}
            >
              <option value="">Choose a form…</option>
              {portalForms.data.data.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {canCreateForm && (
        <div className="step-actions">
          <button type="button" className="button" disabled={createForm.isPending} onClick={create}>
            {createForm.isPending ? 'Creating the HubSpot form…' : 'Create a sandbox HubSpot form'}
          </button>
          <InlineError error={createForm.error} />
        </div>
      )}
      <div className="field-row">
        <Field label="Portal id" hint="Your HubSpot account number." error={errors.portalId}>
          {(props) => <input {...props} inputMode="numeric" maxLength={20} value={draft.portalId} onChange={(e) => set('portalId', e.target.value)} />}
        </Field>
        <Field label="HubSpot form id" hint="The form's GUID, from its embed code. Give that form a hidden field onepagepay_payment_id: it receives the payment id.">
          {(props) => <input {...props} maxLength={64} value={draft.hubspotFormId} onChange={(e) => set('hubspotFormId', e.target.value)} />}
        </Field>
      </div>
      <DealPipelineFields {...pipelineProps} stageError={errors.dealStage} />
      <label>
        <input type="checkbox" checked={draft.syncFailedPayments} onChange={(e) => set('syncFailedPayments', e.target.checked)} /> Also sync failed payments to HubSpot
      </label>
    </fieldset>
  );
}
