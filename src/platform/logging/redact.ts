/**
 * What never reaches a log line: credentials by key name, and anything shaped like a card
 * number (13–19 digits, spaces or dashes allowed, passing the Luhn check) wherever it appears.
 */
export const redactedKeyPattern =
  /^(authorization|cookie|set-cookie|x-csrf-token|password|passwd|secret|.*_secret|secret_.*|client_secret|api_?key|access_?token|refresh_?token|token|credentials|encryption_?key|card|cvc|cvv|number|exp_month|exp_year|stripe-signature|params|parameters|detail)$/i;

const cardShaped = /(?<![\d])(?:\d[ -]?){12,18}\d(?![\d])/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** True when the text holds something shaped like a card number (see redactCardNumbers). */
export function containsCardNumber(text: string): boolean {
  return redactCardNumbers(text) !== text;
}

/**
 * A failed query's message carries its parameters (buyers' emails, names, IPs): they are cut.
 * (`Failed query: <sql>\nparams: …` is how drizzle words it.)
 */
export function redactQueryParams(text: string): string {
  const at = text.indexOf('\nparams: ');
  return at === -1 ? text : `${text.slice(0, at)}\nparams: [redacted]`;
}

/** Everything a log line must not carry in free text: card-like numbers and query parameters. */
export const redactText = (text: string) => redactCardNumbers(redactQueryParams(text));

export function redactCardNumbers(text: string): string {
  return text.replace(cardShaped, (match) => {
    const digits = match.replace(/[ -]/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? '[card redacted]' : match;
  });
}

/** A deep copy with secrets and card numbers replaced; leaves non-plain objects (errors) readable. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number' && Number.isInteger(value) && value > 1e12) return redactCardNumbers(String(value)) === String(value) ? value : '[card redacted]';
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  const source = value instanceof Error ? { ...value, type: value.name, message: value.message, stack: value.stack } : value;
  for (const [key, v] of Object.entries(source as Record<string, unknown>)) {
    out[key] = redactedKeyPattern.test(key) && v !== undefined && v !== null ? '[redacted]' : redactValue(v, depth + 1);
  }
  return out;
}
