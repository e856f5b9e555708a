import { useState } from 'react';
import { providerName, useConnectPaymentProvider, useConnectSandbox, useSandbox } from '../../api/connections.js';
import type { Mode } from '../../api/types.js';
import { Field } from '../../components/Field.js';
import { InlineError } from '../../components/states.js';

/** One credential a payment provider's connect form asks for (the field of its PUT body). */
export interface CredentialField {
  name: string;
  label: string;
  hint: (mode: Mode) => string;
  /** Typed like a password: never shown back. */
  secret?: boolean;
}

export interface PaymentProviderForm {
  provider: 'stripe' | 'paypal';
  /** What is typed, e.g. "keys" (Stripe) or "app" (PayPal): the form is "Stripe keys for test mode", its check "Checking the keys with Stripe…". */
  what: string;
  fields: CredentialField[];
  /** The sandbox button when already connected: "Reconnect to a new sandbox account". */
  sandboxAgain: string;
  /** The button that opens the form when already connected. */
  reconnect: string;
  /** The button that opens the form when not connected. */
  connect: string;
}

/** The merchant's own credentials for one mode; checked with the provider by the server before anything is stored. */
function CredentialsForm({ form, mode, onDone }: { form: PaymentProviderForm; mode: Mode; onDone: () => void }) {
  const connect = useConnectPaymentProvider(form.provider, mode);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(form.fields.map((f) => [f.name, ''])));
  const name = providerName(form.provider);
  return (
    <form
      className="stack"
      aria-label={`${name} ${form.what} for ${mode} mode`}
      onSubmit={(e) => {
        e.preventDefault();
        connect.mutate(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()])), { onSuccess: onDone });
      }}
    >
      {form.fields.map((field) => (
        <Field key={field.name} label={field.label} hint={field.hint(mode)}>
          {(props) => (
            <input
              {...props}
              {...(field.secret ? { type: 'password' } : {})}
              required
              spellCheck={false}
              autoComplete="off"
              value={values[field.name]}
              onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))}
            />
          )}
        </Field>
      ))}
      <InlineError error={connect.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={connect.isPending}>
          {connect.isPending ? `Checking the ${form.what} with ${name}…` : `Connect ${name}`}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Connect a payment provider in a mode: its sandbox account in sandbox mode, the merchant's own credentials otherwise. */
export function PaymentProviderConnect({ form, mode, connected }: { form: PaymentProviderForm; mode: Mode; connected: boolean }) {
  const sandbox = useSandbox();
  const connectSandbox = useConnectSandbox(form.provider, mode);
  const [open, setOpen] = useState(false);
  if (open) return <CredentialsForm form={form} mode={mode} onDone={() => setOpen(false)} />;
  const className = connected ? 'button' : 'button button-primary';
  if (sandbox.data) {
    return (
      <>
        <button type="button" className={className} disabled={connectSandbox.isPending} onClick={() => connectSandbox.mutate(undefined)}>
          {connectSandbox.isPending ? 'Connecting…' : connected ? form.sandboxAgain : 'Use the sandbox'}
        </button>
        <InlineError error={connectSandbox.error} />
      </>
    );
  }
  return (
    <button type="button" className={className} onClick={() => setOpen(true)}>
      {connected ? form.reconnect : form.connect}
    </button>
  );
}

const prefix = (mode: Mode) => (mode === 'test' ? 'test' : 'live');

/** Stripe: a secret (or restricted) key and the publishable key of the mode. */
export const stripeForm: PaymentProviderForm = {
  provider: 'stripe',
  what: 'keys',
  fields: [
    {
      name: 'secretKey',
      label: 'Secret key',
      hint: (mode) => `sk_${prefix(mode)}_… or a restricted key rk_${prefix(mode)}_… (Stripe → Developers → API keys). Stored encrypted; never shown again.`,
      secret: true,
    },
    { name: 'publishableKey', label: 'Publishable key', hint: (mode) => `pk_${prefix(mode)}_…` },
  ],
  sandboxAgain: 'Reconnect to a new sandbox',
  reconnect: 'Reconnect with new keys',
  connect: 'Connect with your keys',
};

/** PayPal: a REST app's client id and secret (a Sandbox app for test mode, a Live app for live mode). */
export const paypalForm: PaymentProviderForm = {
  provider: 'paypal',
  what: 'app',
  fields: [
    { name: 'clientId', label: 'Client ID', hint: (mode) => `Of ${mode === 'test' ? 'a Sandbox' : 'a Live'} REST app (PayPal Developer → Apps & Credentials).` },
    { name: 'clientSecret', label: 'Secret', hint: () => 'Stored encrypted; never shown again.', secret: true },
  ],
  sandboxAgain: 'Reconnect to a new sandbox app',
  reconnect: 'Reconnect with another app',
  connect: 'Connect your PayPal app',
};
