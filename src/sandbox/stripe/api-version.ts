import { apiVersion } from './env.js';
import { invalidRequest } from './errors.js';

// A Stripe API version is a release date, with the release's name since 2024 (`2026-10-28.endive`).
const versionPattern = /^(\d{4}-\d{2}-\d{2})(?:\.[a-z]+)?$/;
const firstVersion = '2011-01-01';

/**
 * Stripe refuses an API version it never released (`Stripe-Version` header, a webhook endpoint's
 * `api_version`): 400 "Invalid Stripe API version". The stand-in knows the versions up to its own
 * (`apiVersion`, the one the pinned SDK speaks): a well-formed version dated from 2011 to that day.
 */
export function checkApiVersion(value: string, param?: string): string {
  const date = versionPattern.exec(value)?.[1];
  if (!date || date < firstVersion || date > apiVersion.slice(0, 10)) {
    throw invalidRequest(`Invalid Stripe API version: ${value}`, param ? { param } : {});
  }
  return value;
}
