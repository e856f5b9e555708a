import { describe, expect, it } from 'vitest';
import { passwordRules as serverRules } from '../../src/accounts/passwords.js';
import { checkPassword, passwordAcceptable, passwordRules } from '../../web/dashboard/src/lib/password-rules.js';

describe('password rules shown at sign-up', () => {
  it('are the server’s rules', () => {
    expect(passwordRules).toEqual(serverRules);
  });

  it('tick off as the password grows', () => {
    expect(checkPassword('short')).toEqual([
      { rule: 'At least 10 characters', met: false },
      { rule: 'At most 256 characters', met: true },
    ]);
    expect(passwordAcceptable('correct horse')).toBe(true);
    expect(passwordAcceptable('x'.repeat(257))).toBe(false);
  });
});
