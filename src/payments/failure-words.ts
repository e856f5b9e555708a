/**
 * What a failed payment says to the merchant and the buyer, in plain words. Card declines keep the
 * provider's buyer-facing sentence ("Your card was declined."); failures whose provider text is meant
 * for developers ("…You can provide payment_method_data or a new PaymentMethod…") get a sentence of
 * ours instead. The provider's code stays beside it (failureCode) for support.
 */
const plain: Record<string, string> = {
  payment_intent_authentication_failure: "The card's authentication (3-D Secure) was not completed or was refused by the bank. Please try again or use another card.",
  authentication_required: 'The bank asked for authentication (3-D Secure), which was not completed. Please try again.',
  payment_intent_payment_attempt_failed: 'The payment attempt failed. Please try again or use another card.',
  payment_intent_payment_attempt_expired: 'The payment attempt expired before it was completed. Please try again.',
  payment_method_unactivated: 'This way of paying is not available for this shop. Please use another one.',
  payment_method_not_available: 'This way of paying is not available right now. Please use another one.',
  card_decline_rate_limit_exceeded: 'The card was declined too many times in a short while. Please wait before trying again, or use another card.',
};

/** Words written for developers, which a merchant or a buyer should never read. */
const developerText = /PaymentIntent|PaymentMethod|payment_method_data|SetupIntent|\bAPI\b|parameter|You can provide/;

export function failureWords(code: string, message: string): string {
  if (plain[code]) return plain[code];
  if (developerText.test(message)) return 'The payment did not go through. Please try again or pay another way.';
  return message;
}
