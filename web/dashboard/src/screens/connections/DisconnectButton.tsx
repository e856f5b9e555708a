import { useState } from 'react';
import { providerName, useDisconnect } from '../../api/connections.js';
import type { Mode, Provider } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';

export function DisconnectButton({ provider, mode }: { provider: Provider; mode: Mode }) {
  const disconnect = useDisconnect(provider, mode);
  const [open, setOpen] = useState(false);
  const name = providerName(provider);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Disconnect
      </button>
      <ConfirmDialog
        open={open}
        title={`Disconnect ${name} in ${mode} mode?`}
        confirmLabel="Disconnect"
        danger
        pending={disconnect.isPending}
        error={disconnect.error}
        onCancel={() => {
          disconnect.reset();
          setOpen(false);
        }}
        onConfirm={() => disconnect.mutate(undefined, { onSuccess: () => setOpen(false) })}
      >
        <p>
          {provider === 'hubspot'
            ? `Nothing new is sent to ${name} from ${mode} mode until you connect again. Past data stays.`
            : `Forms in ${mode} mode stop taking ${provider === 'stripe' ? 'card' : 'PayPal'} payments until you connect again. Past transactions stay.`}
        </p>
      </ConfirmDialog>
    </>
  );
}
