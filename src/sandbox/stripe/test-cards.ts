/**
 * Stripe's documented test cards and test PaymentMethods, and what charging them does.
 * https://docs.stripe.com/testing
 */
export type CardOutcome =
  /**
   * `refundFailsLater`: a refund first reads succeeded, then fails (4000 0000 0000 5126);
   * `disputed`: the charge succeeds, then is disputed as fraudulent (4000 0000 0000 0259).
   */
  | { kind: 'succeed'; refundFailsLater?: boolean; disputed?: boolean }
  | { kind: 'decline'; code: string; declineCode?: string; message: string; param?: string; noCharge?: boolean }
  | { kind: 'three_d_secure' }
  /** Not cards: Klarna sends the buyer to approve on its page; a SEPA debit stays `processing` until the bank answers (local-methods.ts). */
  | { kind: 'redirect' }
  | { kind: 'debit'; fails: boolean; afterMs: number };

export interface TestCard {
  number: string;
  brand: string;
  funding: 'credit' | 'debit';
  outcome: CardOutcome;
}

const succeed: CardOutcome = { kind: 'succeed' };
const threeDS: CardOutcome = { kind: 'three_d_secure' };
const declined = (declineCode: string, message = 'Your card was declined.'): CardOutcome => ({
  kind: 'decline',
  code: 'card_declined',
  declineCode,
  message,
});

export const declines = {
  generic: declined('generic_decline'),
  insufficientFunds: declined('insufficient_funds', 'Your card has insufficient funds.'),
  lost: declined('lost_card'),
  stolen: declined('stolen_card'),
  expired: { kind: 'decline', code: 'expired_card', declineCode: 'expired_card', message: 'Your card has expired.', param: 'exp_month' },
  incorrectCvc: { kind: 'decline', code: 'incorrect_cvc', declineCode: 'incorrect_cvc', message: "Your card's security code is incorrect.", param: 'cvc' },
  processing: {
    kind: 'decline',
    code: 'processing_error',
    declineCode: 'processing_error',
    message: 'An error occurred while processing your card. Try again in a little bit.',
  },
  incorrectNumber: { kind: 'decline', code: 'incorrect_number', message: 'Your card number is incorrect.', param: 'number', noCharge: true },
} satisfies Record<string, CardOutcome>;

const card = (number: string, brand: string, outcome: CardOutcome, funding: 'credit' | 'debit' = 'credit'): TestCard => ({ number, brand, funding, outcome });

/** Test card numbers. Any other number passing the Luhn check succeeds; one failing it is `incorrect_number`. */
export const testCardsByNumber = new Map<string, TestCard>(
  [
    card('4242424242424242', 'visa', succeed),
    card('4000056655665556', 'visa', succeed, 'debit'),
    card('5555555555554444', 'mastercard', succeed),
    card('2223003122003222', 'mastercard', succeed),
    card('378282246310005', 'amex', succeed),
    card('6011111111111117', 'discover', succeed),
    card('4000000000005126', 'visa', { kind: 'succeed', refundFailsLater: true }),
    card('4000000000000259', 'visa', { kind: 'succeed', disputed: true }),
    card('4000000000000002', 'visa', declines.generic),
    card('4000000000009995', 'visa', declines.insufficientFunds),
    card('4000000000009987', 'visa', declines.lost),
    card('4000000000009979', 'visa', declines.stolen),
    card('4000000000000069', 'visa', declines.expired),
    card('4000000000000127', 'visa', declines.incorrectCvc),
    card('4000000000000119', 'visa', declines.processing),
    card('4000002760003184', 'visa', threeDS),
    card('4000002500003155', 'visa', threeDS),
    card('4000000000003220', 'visa', threeDS),
  ].map((c) => [c.number, c]),
);

const n = (number: string) => testCardsByNumber.get(number)!;

/** Server-side test PaymentMethods (`payment_method: 'pm_card_visa'`); each use makes a new `pm_…`. */
export const testPaymentMethods = new Map<string, TestCard>([
  ['pm_card_visa', n('4242424242424242')],
  ['pm_card_visa_debit', n('4000056655665556')],
  ['pm_card_mastercard', n('5555555555554444')],
  ['pm_card_amex', n('378282246310005')],
  ['pm_card_discover', n('6011111111111117')],
  ['pm_card_chargeDeclined', n('4000000000000002')],
  ['pm_card_chargeDeclinedInsufficientFunds', n('4000000000009995')],
  ['pm_card_chargeDeclinedLostCard', n('4000000000009987')],
  ['pm_card_chargeDeclinedStolenCard', n('4000000000009979')],
  ['pm_card_chargeDeclinedExpiredCard', n('4000000000000069')],
  ['pm_card_chargeDeclinedIncorrectCvc', n('4000000000000127')],
  ['pm_card_chargeDeclinedProcessingError', n('4000000000000119')],
  ['pm_card_authenticationRequired', n('4000002760003184')],
  ['pm_card_threeDSecure2Required', n('4000000000003220')],
  ['pm_card_authenticationRequiredOnSetup', n('4000002500003155')],
  ['pm_card_refundFail', n('4000000000005126')],
  ['pm_card_createDispute', n('4000000000000259')],
]);

export function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = number.charCodeAt(number.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function brandOf(number: string): string {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(number)) return 'discover';
  if (/^35/.test(number)) return 'jcb';
  if (/^3(0|6|8)/.test(number)) return 'diners';
  if (/^62/.test(number)) return 'unionpay';
  return 'unknown';
}
