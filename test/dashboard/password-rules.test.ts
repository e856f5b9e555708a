import { describe, expect, it } from 'vitest';
import { checkPassword, passwordAcceptable } from '../../web/dashboard/src/lib/password-rules.js';

describe('password rules shown at sign-up', () => {
  it('tick off as the password grows', () => {
    expect(checkPassword('short')).toEqual([
      { rule: 'At least 10 characters', met: false },
      { rule: 'At most 256 characters', met: true },
    ]);
    expect(passwordAcceptable('correct horse')).toBe(true);
    expect(passwordAcceptable('x'.repeat(257))).toBe(false);
  });
});
