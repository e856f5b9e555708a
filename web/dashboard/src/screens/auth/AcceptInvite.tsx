import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAcceptInvite } from '../../api/me.js';
import { useMeQuery } from '../../auth/session.js';
import { Field } from '../../components/Field.js';
import { InlineError } from '../../components/states.js';
import { AuthLayout } from './AuthLayout.js';
import { PasswordField } from './PasswordField.js';

/** /invite#token — the link an admin shared. The token stays in the fragment: it never reaches a server log. */
export default function AcceptInvite() {
  const location = useLocation();
  const navigate = useNavigate();
  const token = location.hash.replace(/^#/, '');
  const accept = useAcceptInvite();
  const me = useMeQuery();
  const signedIn = me.isSuccess && !accept.isPending && !accept.isSuccess;
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  if (token.length < 16) {
    return (
      <AuthLayout title="Join a team">
        <p className="inline-error" role="alert">
          This invite link is incomplete. Open the whole link you were sent, or ask for a new invite.
        </p>
        <p>
          <Link to="/sign-in">Go to sign-in</Link>
        </p>
      </AuthLayout>
    );
  }
  if (signedIn) {
    return (
      <AuthLayout title="Join a team">
        <p className="muted">
          You are signed in as {me.data.user.email}. The team is added to your sign-in if the invite was sent to this email.
        </p>
        <InlineError error={accept.error} />
        <button
          type="button"
          className="button button-primary button-block"
          onClick={() => accept.mutate({ token, signedIn: true }, { onSuccess: () => navigate('/', { replace: true }) })}
        >
          Join the team
        </button>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Join a team">
      <p className="muted">
        New to OnePagePay? Choose a password. Already have a sign-in with the invited email? Enter its password: you are signed in
        through the usual sign-in, and the team is added to your account.
      </p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          accept.mutate({ token, signedIn: false, password, name: name || undefined }, { onSuccess: () => navigate('/', { replace: true }) });
        }}
      >
        <Field label="Your name" hint="Only needed for a new sign-in.">
          {(props) => <input {...props} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />}
        </Field>
        <PasswordField value={password} onChange={setPassword} autoComplete="new-password" isNew />
        <InlineError error={accept.error} />
        <button type="submit" className="button button-primary button-block" disabled={accept.isPending}>
          {accept.isPending ? 'Joining…' : 'Join the team'}
        </button>
      </form>
    </AuthLayout>
  );
}
