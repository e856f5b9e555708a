import { luhnValid } from '../platform/logging/redact.js';
import { AppError } from '../platform/http/errors.js';

/** Field names card data travels under (Stripe's and common form names). */
const cardFieldName = /^(card|card_?number|cc_?number|number|pan|cvc|cvv|cvc2|cvv2|security_?code|exp|expiry|expiration|exp_?month|exp_?year|exp_?date)$/i;

/** Random tokens by contract (pattern-checked): a digit run in them is chance, not a card. */
const tokenFields = new Set(['idempotencyKey']);

/**
 * The text as a person would read its digits: full-width and other compatibility digits become
 * ASCII (NFKC) and invisible format characters (zero-width spaces, joiners…) are dropped.
 */
const normalized = (text: string) => text.normalize('NFKC').replace(/\p{Cf}/gu, '');

/** Separators people put between digit groups: space, dash, dot, slash, backslash, underscore. */
const groupedDigits = /\d+(?:[\s\-._/\\]+\d+)*/g;

/**
 * A 13–19 digit number that passes the Luhn check, made of whole digit groups however they are
 * separated or disguised ("4242.4242.4242.4242", "４２４２…", zero-width spaces between digits).
 */
export function holdsCardNumber(text: string): boolean {
  for (const run of normalized(text).match(groupedDigits) ?? []) {
    const groups = run.split(/[^\d]+/);
    for (let start = 0; start < groups.length; start++) {
      let digits = '';
      for (let end = start; end < groups.length && digits.length < 19; end++) {
        digits += groups[end];
        if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return true;
      }
    }
  }
  return false;
}

const digitCount = (text: string) => normalized(text).match(/\d/g)?.length ?? 0;

/** An international phone number (+ and at most 15 digits, E.164): a phone, not a card, whatever Luhn says. */
const internationalPhone = (text: string) => /^\+/.test(text.trim()) && digitCount(text) <= 15;

/** Card-sized groups a person would type in separate fields: 4 to 8 digits and nothing else. */
const digitGroup = (text: string) => /^[\d\s\-._/\\]+$/.test(normalized(text)) && digitCount(text) >= 4 && digitCount(text) <= 8;

interface Leaf {
  path: string;
  text: string;
}

function leaves(value: unknown, path: string, out: Leaf[], depth = 0): string | null {
  if (typeof value === 'string' || typeof value === 'number') {
    out.push({ path, text: String(value) });
    return null;
  }
  if (value === null || typeof value !== 'object' || depth > 8) return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (cardFieldName.test(key.normalize('NFKC').replace(/[-\s]/g, '_'))) return childPath;
    if (depth === 0 && tokenFields.has(key)) continue;
    const found = leaves(child, childPath, out, depth + 1);
    if (found) return found;
  }
  return null;
}

function findCardData(body: unknown): string | null {
  const all: Leaf[] = [];
  const namedField = leaves(body, '', all);
  if (namedField) return namedField;
  for (const leaf of all) {
    if (leaf.path.endsWith('contact.phone') && internationalPhone(leaf.text)) continue;
    if (holdsCardNumber(leaf.text)) {
      if (leaf.path.endsWith('contact.phone')) {
        throw new AppError('validation_failed', 'This phone number reads like a card number. Write it in international format, starting with + and the country code.');
      }
      return leaf.path;
    }
  }
  // A number split over consecutive fields ("4242 4242" and "4242 4242").
  for (let start = 0; start < all.length; start++) {
    let digits = '';
    for (let end = start; end < all.length && digitGroup(all[end]!.text); end++) {
      digits += normalized(all[end]!.text).replace(/\D/g, '');
      if (end > start && digits.length >= 13 && digits.length <= 19 && /^[2-6]/.test(digits) && luhnValid(digits)) return all[start]!.path;
    }
  }
  return null;
}

/**
 * The public API never accepts card data: card details go from the browser to Stripe.js or PayPal
 * only. A body with a card-like field name, or a Luhn-valid 13–19 digit number anywhere (digits
 * normalised, separators and invisible characters ignored, or split over consecutive fields), is
 * refused before anything reads or stores it. An international phone number (`+…`, E.164) is a
 * phone.
 */
export function assertNoCardData(body: unknown) {
  const path = findCardData(body);
  if (path !== null) {
    throw new AppError(
      'validation_failed',
      `Card data must never be sent to this server (found in "${path.slice(0, 100)}"). Card details are entered in the Stripe or PayPal field and go straight to them.`,
    );
  }
}
