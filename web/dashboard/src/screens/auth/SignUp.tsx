import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSignUp } from '../../api/me.js';
import { useMeQuery } from '../../auth/session.js';
import { safeNextPath } from '../../auth/next-path.js';
import { Field } from '../../components/Field.js';
import { InlineError } from '../../components/states.js';
import { passwordAcceptable } from '../../lib/password-rules.js';
import { AuthLayout } from './AuthLayout.js';
import { PasswordField } from './PasswordField.js';

export default function SignUp() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMeQuery();
  const signUp = useSignUp();
  const [form, setForm] = useState({ name: '', accountName: '', email: '', password: '' });
  const [tried, setTried] = useState(false);
  const set = (field: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  if (me.isSuccess && !signUp.isPending && !signUp.isSuccess) return <Navigate to={safeNextPath(params.get('next'))} replace />;

  const passwordProblem = tried && !passwordAcceptable(form.password) ? 'The password does not meet the rules above.' : null;
  return (
    <AuthLayout
      title="Create your account"
      footer={
        <p>
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </p>
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!passwordAcceptable(form.password)) return;
          signUp.mutate(
            { email: form.email, password: form.password, name: form.name || undefined, accountName: form.accountName || undefined },
            { onSuccess: () => navigate('/', { replace: true }) },
          );
        }}
      >
        <Field label="Your name">{(props) => <input {...props} autoComplete="name" value={form.name} onChange={(e) => set('name')(e.target.value)} maxLength={200} />}</Field>
        <Field label="Business name" hint="Shown to your team; you can change it later.">
          {(props) => <input {...props} autoComplete="organization" value={form.accountName} onChange={(e) => set('accountName')(e.target.value)} maxLength={200} />}
        </Field>
        <Field label="Email">
          {(props) => <input {...props} type="email" autoComplete="email" required value={form.email} onChange={(e) => set('email')(e.target.value)} maxLength={254} />}
        </Field>
        <PasswordField value={form.password} onChange={set('password')} autoComplete="new-password" isNew />
        {passwordProblem && (
          <p className="inline-error" role="alert">
            {passwordProblem}
          </p>
        )}
        <InlineError error={signUp.error} />
        <button type="submit" className="button button-primary button-block" disabled={signUp.isPending}>
          {signUp.isPending ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
    </AuthLayout>
  );
}
