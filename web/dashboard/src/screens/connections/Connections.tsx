import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useConnections, useSandbox } from '../../api/connections.js';
import { useProviderHealth } from '../../api/health.js';
import { useNotify } from '../../components/notices.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState, QueryView } from '../../components/states.js';
import { HubSpotConnect } from './HubSpotConnect.js';
import { ProviderCard } from './ProviderCard.js';
import { ReachabilityCard } from './ReachabilityCard.js';
import { PaymentProviderConnect, paypalForm, stripeForm } from './PaymentProviderConnect.js';

/** Back from HubSpot's consent page: `?hubspot=connected|error&message=…&mode=…`, said once, then cleared. */
function useOAuthOutcome() {
  const [params, setParams] = useSearchParams();
  const notify = useNotify();
  const outcome = params.get('hubspot');
  useEffect(() => {
    if (!outcome) return;
    if (outcome === 'connected') notify(`HubSpot connected in ${params.get('mode') ?? 'this'} mode.`);
    else notify(`HubSpot was not connected: ${params.get('message') ?? 'unknown error'}`, 'error');
    setParams({}, { replace: true });
  }, [outcome, params, notify, setParams]);
}

export default function Connections() {
  const connections = useConnections();
  const health = useProviderHealth();
  const sandbox = useSandbox();
  useOAuthOutcome();
  const checks = health.data?.data ?? [];
  return (
    <>
      <PageHeader title="Connections">
        <p className="muted">Each provider is connected separately in test and live mode. Secrets are stored encrypted and never shown again.</p>
      </PageHeader>
      {health.isError && <ErrorState title="Provider health could not be loaded" error={health.error} onRetry={() => health.refetch()} />}
      <QueryView query={connections} loadingLabel="Loading connections…">
        {(data) => (
          <>
            <ProviderCard
              provider="stripe"
              description={`Card payments. Each mode has its own keys; the webhook endpoint is created at Stripe for you.${sandbox.data ? ' This server runs in sandbox mode: Stripe is a local stand-in and no real keys are used.' : ''}`}
              connections={data}
              health={checks}
              connect={(mode, connected) => <PaymentProviderConnect form={stripeForm} mode={mode} connected={connected} />}
            />
            <ProviderCard
              provider="hubspot"
              description="Payments become HubSpot contacts, deals and line items. Each mode can use its own HubSpot account."
              connections={data}
              health={checks}
              connect={(mode, connected) => <HubSpotConnect mode={mode} connected={connected} />}
            />
            <ProviderCard
              provider="paypal"
              description={`Optional: buyers pay with PayPal next to the card form. Each mode has its own REST app; the webhook is created at PayPal for you.${sandbox.data ? ' This server runs in sandbox mode: PayPal is a local stand-in and no real credentials are used.' : ''}`}
              connections={data}
              health={checks}
              connect={(mode, connected) => <PaymentProviderConnect form={paypalForm} mode={mode} connected={connected} />}
            />
          </>
        )}
      </QueryView>
      {health.data && <ReachabilityCard reachability={health.data.reachability} />}
    </>
  );
}
