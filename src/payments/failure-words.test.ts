import { describe, expect, it } from 'vitest';
import { failureWords } from './failure-words.js';

describe('failureWords', () => {
  it("keeps a card decline's own sentence, and replaces developer text with plain words", () => {
    expect(failureWords('insufficient_funds', 'Your card has insufficient funds.')).toBe('Your card has insufficient funds.');
    expect(failureWords('payment_intent_authentication_failure', 'The provided PaymentMethod has failed authentication. You can provide payment_method_data…')).toMatch(/^The card's authentication \(3-D Secure\)/);
    expect(failureWords('some_new_code', 'Invalid parameter: payment_method_data[type].')).toBe('The payment did not go through. Please try again or pay another way.');
  });
});
