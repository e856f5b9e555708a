import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSignIn } from '../../api/me.js';
import { useMeQuery } from '../../auth/session.js';
import { safeNextPath } from '../../auth/next-path.js';
import { Field } from '../../components/Field.js';
import { InlineError } from '../../components/states.js';
import { AuthLayout } from './AuthLayout.js';
import { PasswordField } from './PasswordField.js';

const reasons: Record<string, string> = {
  expired: 'Your session ended. Sign in again to continue where you were.',
  'signed-out': 'You are signed out.',
};

export default function SignIn() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const reason = reasons[params.get('reason') ?? ''];
  const navigate = useNavigate();
  const me = useMeQuery();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (me.isSuccess && !signIn.isPending) return <Navigate to={next} replace />;

  return (
    <AuthLayout
      title="Sign in"
      footer={
        <p>
          New to OnePagePay? <Link to={`/sign-up${params.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`}>Create an account</Link>
        </p>
      }
    >
      {reason && (
        <p className="callout" role="status">
          {reason}
        </p>
      )}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          signIn.mutate({ email, password }, { onSuccess: () => navigate(next, { replace: true }) });
        }}
      >
        <Field label="Email">
          {(props) => <input {...props} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <PasswordField value={password} onChange={setPassword} autoComplete="current-password" />
        <p className="small">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <InlineError error={signIn.error} />
        <button type="submit" className="button button-primary button-block" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
