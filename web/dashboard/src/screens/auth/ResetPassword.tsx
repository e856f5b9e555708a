import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useResetPassword } from '../../api/me.js';
import { InlineError } from '../../components/states.js';
import { AuthLayout } from './AuthLayout.js';
import { PasswordField } from './PasswordField.js';

/** /reset-password#token — the emailed link. The token stays in the fragment: it never reaches a server log. */
export default function ResetPassword() {
  const location = useLocation();
  const navigate = useNavigate();
  const token = location.hash.replace(/^#/, '');
  const reset = useResetPassword();
  const [password, setPassword] = useState('');

  if (token.length < 20) {
    return (
      <AuthLayout title="Choose a new password">
        <p className="inline-error" role="alert">
          This link is incomplete. Open the whole link from the email, or <Link to="/forgot-password">ask for a new one</Link>.
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Choose a new password">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          reset.mutate({ token, password }, { onSuccess: () => navigate('/', { replace: true }) });
        }}
      >
        <p className="muted">Once it is set, you are signed out everywhere else.</p>
        <PasswordField value={password} onChange={setPassword} label="New password" isNew autoComplete="new-password" />
        <InlineError error={reset.error} />
        <button type="submit" className="button button-primary button-block" disabled={reset.isPending}>
          {reset.isPending ? 'Saving…' : 'Set the new password and sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
