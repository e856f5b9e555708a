import { useState } from 'react';
import { Link } from 'react-router';
import { useRequestPasswordReset } from '../../api/me.js';
import { Field } from '../../components/Field.js';
import { InlineError } from '../../components/states.js';
import { AuthLayout } from './AuthLayout.js';

/** /forgot-password — asks for a reset link by email. The answer is the same whether the email has a sign-in. */
export default function ForgotPassword() {
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  return (
    <AuthLayout
      title="Reset your password"
      footer={
        <p>
          Remembered it? <Link to="/sign-in">Sign in</Link>
        </p>
      }
    >
      {request.isSuccess ? (
        <p className="callout" role="status">
          If {request.data.email} has a OnePagePay sign-in, a link to choose a new password is on its way. It works once, for an hour. No email? Check spam, or ask the
          person who runs this OnePagePay server whether email is set up.
        </p>
      ) : (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            request.mutate(email);
          }}
        >
          <p className="muted">Enter the email you sign in with; we will send you a link to choose a new password.</p>
          <Field label="Email">
            {(props) => <input {...props} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <InlineError error={request.error} />
          <button type="submit" className="button button-primary button-block" disabled={request.isPending}>
            {request.isPending ? 'Sending…' : 'Send me a link'}
          </button>
        </form>
      )}
    </AuthLayout>
  );
}
