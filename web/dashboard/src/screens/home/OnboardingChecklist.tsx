import { Link } from 'react-router';
import { useConnectSandbox, useSandbox } from '../../api/connections.js';
import { useCan, useSession } from '../../auth/session.js';
import { InlineError } from '../../components/states.js';
import type { OnboardingStep, StepId } from '../../lib/onboarding.js';

function StepAction({ step, firstFormId }: { step: OnboardingStep; firstFormId: string | null }) {
  const { mode } = useSession();
  const sandbox = useSandbox();
  const stripeSandbox = useConnectSandbox('stripe', mode);
  const hubspotSandbox = useConnectSandbox('hubspot', mode);
  const paypalSandbox = useConnectSandbox('paypal', mode);
  if (step.done) return null;
  const sandboxes: Partial<Record<StepId, typeof stripeSandbox>> = { stripe: stripeSandbox, hubspot: hubspotSandbox, paypal: paypalSandbox };
  const connectSandbox = sandboxes[step.id] ?? null;
  const links: Record<StepId, { to: string; label: string }> = {
    stripe: { to: '/connections', label: 'Connect Stripe' },
    hubspot: { to: '/connections', label: 'Connect HubSpot' },
    paypal: { to: '/connections', label: 'Connect PayPal' },
    product: { to: '/products?new=1', label: 'Create a product' },
    form: { to: '/forms/new', label: 'Create a form' },
    embed: { to: firstFormId ? `/forms/${firstFormId}` : '/forms/new', label: 'Get the embed code' },
  };
  return (
    <div className="step-actions">
      {connectSandbox && sandbox.data && (
        <button type="button" className="button button-primary" disabled={connectSandbox.isPending} onClick={() => connectSandbox.mutate(undefined)}>
          {connectSandbox.isPending ? 'Connecting…' : 'Use the sandbox'}
        </button>
      )}
      <Link className="button" to={links[step.id].to}>
        {links[step.id].label}
      </Link>
      <InlineError error={connectSandbox?.error} />
    </div>
  );
}

/** The first-run checklist: each step done or not, with the way to do it (admins only). */
export function OnboardingChecklist({ steps, firstFormId, onHide }: { steps: OnboardingStep[]; firstFormId: string | null; onHide?: () => void }) {
  const canEdit = useCan('admin');
  const done = steps.filter((s) => s.done).length;
  return (
    <section className="card checklist" aria-labelledby="checklist-title">
      <div className="card-header">
        <h2 id="checklist-title">Get set up</h2>
        <span className="muted">
          {done} of {steps.length} done
        </span>
        {onHide && (
          <button type="button" className="link-button" onClick={onHide}>
            Hide checklist
          </button>
        )}
      </div>
      <progress max={steps.length} value={done} aria-label="Setup progress" />
      <ol className="steps">
        {steps.map((step) => (
          <li key={step.id} className={step.done ? 'step step-done' : 'step'} data-step={step.id}>
            <span className="step-status" aria-hidden="true">
              {step.done ? '✓' : ''}
            </span>
            <div className="step-body">
              <h3>
                {step.title}
                {step.optional && <span className="tag">Optional</span>}
                <span className={step.done ? 'badge badge-success' : 'badge'}>{step.done ? 'Done' : 'Not done'}</span>
              </h3>
              <p className="muted">{step.description}</p>
              {canEdit && <StepAction step={step} firstFormId={firstFormId} />}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
