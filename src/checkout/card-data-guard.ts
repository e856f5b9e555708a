import { containsCardNumber } from '../platform/logging/redact.js';
import { AppError } from '../platform/http/errors.js';

/** Field names card data travels under (Stripe's and common form names). */
const cardFieldName = /^(card|card_?number|cc_?number|number|pan|cvc|cvv|cvc2|cvv2|security_?code|exp|expiry|expiration|exp_?month|exp_?year|exp_?date)$/i;

/** Random tokens by contract (pattern-checked): a digit run in them is chance, not a card. */
const tokenFields = new Set(['idempotencyKey']);

function findCardData(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return containsCardNumber(value) ? path : null;
  if (typeof value === 'number') return containsCardNumber(String(value)) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 8) return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (cardFieldName.test(key.replace(/[-\s]/g, '_'))) return childPath;
    if (depth === 0 && tokenFields.has(key)) continue;
    const found = findCardData(child, childPath, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The public API never accepts card data: card details go from the browser to Stripe.js or PayPal
 * only. A body with a card-like field name or a Luhn-valid card number anywhere is refused before
 * anything reads or stores it (and the log redaction would hide it if it were logged).
 */
export function assertNoCardData(body: unknown) {
  const path = findCardData(body, '');
  if (path !== null) {
    throw new AppError(
      'validation_failed',
      `Card data must never be sent to this server (found in "${path}"). Card details are entered in the Stripe or PayPal field and go straight to them.`,
    );
  }
}
