import { useState } from 'react';
import { useInvite } from '../../api/team.js';
import { CopyButton } from '../../components/CopyButton.js';
import { Field } from '../../components/Field.js';
import { InlineError } from '../../components/states.js';

/** Creates an invite link (shown once: only its hash is stored) for a new admin or viewer. */
export function InviteForm() {
  const invite = useInvite();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'admin' | 'viewer'>('viewer');
  return (
    <section className="card stack" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <form
        className="field-row align-end"
        onSubmit={(e) => {
          e.preventDefault();
          invite.mutate({ email: email.trim(), role }, { onSuccess: () => setEmail('') });
        }}
      >
        <Field label="Email">{(props) => <input {...props} type="email" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />}</Field>
        <Field label="Role" hint={role === 'viewer' ? 'Sees everything, changes nothing.' : 'Manages products, forms, connections and the team.'}>
          {(props) => (
            <select {...props} value={role} onChange={(e) => setRole(e.target.value as 'admin' | 'viewer')}>
              <option value="viewer">Viewer</option>
              <option value="admin">Admin</option>
            </select>
          )}
        </Field>
        <div className="field field-button">
          <button type="submit" className="button button-primary" disabled={invite.isPending}>
            {invite.isPending ? 'Creating…' : 'Create invite link'}
          </button>
        </div>
      </form>
      <InlineError error={invite.error} />
      {invite.data && (
        <div className="stack invite-result" role="status">
          <label htmlFor="invite-link">
            Invite link for <strong>{invite.data.email}</strong> ({invite.data.role}).{' '}
            {invite.data.emailed ? 'We emailed it to them; you can also send it yourself.' : 'Email is off on this server: send it to them yourself.'} It is shown only now and
            works for 7 days.
          </label>
          <input id="invite-link" className="code-block" readOnly value={invite.data.inviteUrl} onFocus={(e) => e.currentTarget.select()} />
          <div>
            <CopyButton text={invite.data.inviteUrl} label="Copy invite link" />
          </div>
        </div>
      )}
    </section>
  );
}
