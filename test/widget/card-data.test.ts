import { describe, expect, it } from 'vitest';
import { looksLikeCardNumber } from '../../web/widget/card-data.js';

describe('widget card-data guard', () => {
  it('spots Luhn-valid 13–19 digit numbers, spaced or not', () => {
    expect(looksLikeCardNumber('4242424242424242')).toBe(true);
    expect(looksLikeCardNumber('my card 4242 4242 4242 4242 thanks')).toBe(true);
    expect(looksLikeCardNumber('3782-822463-10005')).toBe(true);
  });

  it('leaves ordinary values alone', () => {
    expect(looksLikeCardNumber('+44 20 7946 0958')).toBe(false);
    expect(looksLikeCardNumber('4242424242424241')).toBe(false);
    expect(looksLikeCardNumber('Analytical Engines Ltd')).toBe(false);
  });
});
