import { useState } from 'react';
import { Field } from '../../components/Field.js';
import { checkPassword, passwordRules } from '../../lib/password-rules.js';

/** A password input; for a new password, the rules with a tick as each is met. */
export function PasswordField({
  value,
  onChange,
  label = 'Password',
  isNew = false,
  autoComplete,
}: {
  value: string;
  onChange: (value: string) => void;
  label?: string;
  isNew?: boolean;
  autoComplete: 'current-password' | 'new-password';
}) {
  const [visible, setVisible] = useState(false);
  const rules = checkPassword(value);
  return (
    <Field
      label={label}
      hint={
        isNew ? (
          <span className="rules" aria-live="polite">
            {rules.map((r) => (
              <span key={r.rule} className={r.met ? 'rule rule-met' : 'rule'}>
                <span aria-hidden="true">{r.met ? '✓' : '•'}</span> {r.rule}
                <span className="visually-hidden">{r.met ? ' (met)' : ' (not met yet)'}</span>
              </span>
            ))}
          </span>
        ) : undefined
      }
    >
      {(props) => (
        <div className="input-with-button">
          <input
            {...props}
            type={visible ? 'text' : 'password'}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            autoComplete={autoComplete}
            required
            minLength={isNew ? passwordRules.minLength : undefined}
            maxLength={passwordRules.maxLength}
          />
          <button type="button" className="button button-small" onClick={() => setVisible((v) => !v)} aria-pressed={visible}>
            {visible ? 'Hide' : 'Show'}
          </button>
        </div>
      )}
    </Field>
  );
}
