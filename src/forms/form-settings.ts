import { AppError } from '../platform/http/errors.js';

const invalid = (message: string) => new AppError('validation_failed', message);
const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseUrl(value: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid(`${field} '${value}' is not a URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && localHosts.has(url.hostname))) {
    throw invalid(`${field} must use https (http is allowed only for localhost).`);
  }
  if (url.username || url.password) throw invalid(`${field} may not contain a user name or password.`);
  return url;
}

/** Where the buyer goes after paying: an https URL (http only for localhost), without credentials. */
export function redirectUrl(value: string): string {
  return parseUrl(value, 'redirectUrl').toString();
}

/**
 * The allow-list of sites that may load the form through the public API: origins such as
 * `https://shop.example.com` (scheme, host and optional port; no path, query or wildcard).
 * Returned normalized (lowercase host, default port dropped) and without duplicates.
 */
export function allowedDomains(values: string[]): string[] {
  const origins = values.map((value) => {
    const url = parseUrl(value, 'allowedDomains');
    if (url.pathname !== '/' || /[?#]/.test(value)) {
      throw invalid(`allowedDomains entry '${value}' must be an origin like https://shop.example.com, without a path.`);
    }
    if (url.hostname.includes('*')) throw invalid(`allowedDomains entry '${value}' may not contain a wildcard; list each origin.`);
    return url.origin;
  });
  return [...new Set(origins)];
}

/** A success message or a redirect URL, not both (with neither the widget shows its default thank-you). */
export function checkCompletion(successMessage: string | null, redirect: string | null) {
  if (successMessage && redirect) throw invalid('Give either successMessage or redirectUrl, not both.');
}
