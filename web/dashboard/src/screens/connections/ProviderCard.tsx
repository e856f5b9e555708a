import type { ReactNode } from 'react';
import { findConnection, providerName } from '../../api/connections.js';
import type { Connection, ConnectionHealth, Mode, Provider } from '../../api/types.js';
import { useCan, useSession } from '../../auth/session.js';
import { ConnectionState } from './ConnectionState.js';
import { DisconnectButton } from './DisconnectButton.js';
import { HealthStatus } from './HealthStatus.js';

/** A provider in both modes: what is connected, its health from monitoring, and (admins) connect and disconnect. */
export function ProviderCard({
  provider,
  description,
  connections,
  health,
  connect,
}: {
  provider: Provider;
  description: ReactNode;
  connections: Connection[];
  health: ConnectionHealth[];
  connect?: (mode: Mode, connected: boolean) => ReactNode;
}) {
  const canEdit = useCan('admin');
  const { mode: currentMode } = useSession();
  return (
    <section className="card" aria-labelledby={`${provider}-title`}>
      <h2 id={`${provider}-title`}>{providerName(provider)}</h2>
      <p className="muted">{description}</p>
      <div className="grid-2">
        {(['test', 'live'] as const).map((mode) => {
          const connection = findConnection(connections, provider, mode);
          return (
            <div key={mode} className={mode === currentMode ? 'mode-panel mode-panel-current' : 'mode-panel'} aria-label={`${providerName(provider)}, ${mode} mode`} role="group">
              <h3>
                {mode === 'test' ? 'Test mode' : 'Live mode'} {mode === currentMode && <span className="tag">Current</span>}
              </h3>
              <ConnectionState connection={connection} />
              {connection?.connected && <HealthStatus provider={provider} mode={mode} health={health.find((h) => h.provider === provider && h.mode === mode)} />}
              {canEdit && (
                <div className="form-actions">
                  {connect?.(mode, connection?.connected ?? false)}
                  {connection?.connected && <DisconnectButton provider={provider} mode={mode} />}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
