import { passwordRules } from '../../../../src/accounts/password-rules.js';

/** The server's own password rules: one definition for both. */
export { passwordRules };

/** Each rule with whether the password meets it, for the live checklist under the field. */
export function checkPassword(password: string): Array<{ rule: string; met: boolean }> {
  return [
    { rule: `At least ${passwordRules.minLength} characters`, met: password.length >= passwordRules.minLength },
    { rule: `At most ${passwordRules.maxLength} characters`, met: password.length <= passwordRules.maxLength },
  ];
}

export const passwordAcceptable = (password: string) => checkPassword(password).every((r) => r.met);
