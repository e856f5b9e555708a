import { Link } from 'react-router';
import { useAllProducts } from '../../api/catalog.js';
import { useConnections, useSandbox } from '../../api/connections.js';
import { useAllForms } from '../../api/forms.js';
import { useSession } from '../../auth/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState, Loading } from '../../components/states.js';
import { setFlag, useFlag } from '../../lib/local-flags.js';
import { checklistHiddenFlag, embedCopiedFlag, onboardingComplete, onboardingSteps } from '../../lib/onboarding.js';
import { OnboardingChecklist } from './OnboardingChecklist.js';
import { RecentActivity, useRecentTransactions } from './RecentActivity.js';

export default function Home() {
  const me = useSession();
  const connections = useConnections();
  const products = useAllProducts();
  const forms = useAllForms();
  // Asked for here too, all at once, so that the page appears whole: no part of it spins after the rest.
  const sandbox = useSandbox();
  const recent = useRecentTransactions();
  const embedCopied = useFlag(embedCopiedFlag(me.account.id, me.mode));
  const hidden = useFlag(checklistHiddenFlag(me.account.id));
  const queries = [connections, products, forms, sandbox, recent];
  const failed = queries.find((q) => q.isError);
  if (!failed && queries.some((q) => q.isPending)) return <Loading label="Loading Home…" />;

  let checklist = null;
  if (failed) checklist = <ErrorState error={failed.error} onRetry={() => queries.forEach((q) => q.isError && q.refetch())} />;
  else if (connections.data && products.data && forms.data) {
    const steps = onboardingSteps({ mode: me.mode, connections: connections.data, products: products.data, forms: forms.data, embedCopied });
    const complete = onboardingComplete(steps);
    const firstForm = forms.data.find((f) => !f.archived) ?? null;
    if (!complete || !hidden) {
      checklist = <OnboardingChecklist steps={steps} firstFormId={firstForm?.id ?? null} onHide={complete ? () => setFlag(checklistHiddenFlag(me.account.id)) : undefined} />;
    }
  }

  return (
    <>
      <PageHeader title={me.user.name ? `Welcome, ${me.user.name}` : 'Welcome'}>
        <p className="muted">
          {me.account.name} · {me.mode === 'test' ? 'test data' : 'live data'}
        </p>
      </PageHeader>
      {checklist}
      <RecentActivity />
      <section className="card">
        <h2>Shortcuts</h2>
        <ul className="shortcut-list">
          <li>
            <Link to="/transactions">Transactions</Link> — filter, export and refund payments
          </li>
          <li>
            <Link to="/forms">Payment forms</Link> — embed code and hosted payment links
          </li>
          <li>
            <Link to="/connections">Connections</Link> — Stripe, HubSpot and PayPal in each mode
          </li>
        </ul>
      </section>
    </>
  );
}
