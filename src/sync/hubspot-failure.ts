import { AppError } from '../platform/http/errors.js';
import { hubspotMessage, hubspotStatus, isNetworkError } from '../providers/hubspot/hubspot-errors.js';
import { hubspotProperties } from '../providers/hubspot/hubspot-properties.js';
import { SyncOutOfTimeError } from './portal-caller.js';
import { RateLimitedError } from './shared-rate-limiter.js';

/** Why a sync attempt did not bring HubSpot up to date (stored as hubspot_syncs.error_code). */
export type SyncErrorCode =
  | 'unreachable'
  | 'hubspot_unavailable'
  | 'rate_limited'
  | 'credentials_refused'
  | 'missing_scopes'
  | 'invalid_email'
  | 'product_options_changed'
  | 'deal_settings_refused'
  | 'currency_refused'
  | 'properties_missing'
  | 'refused'
  | 'out_of_time'
  | 'worker_failed';

/** A failed attempt, in words for the merchant, and whether trying again can fix it. */
export interface SyncFailure {
  retryable: boolean;
  code: SyncErrorCode;
  message: string;
  /** Not worth trying before then (HubSpot's rate limit). */
  retryAt?: Date;
}

/** What was being written when HubSpot refused: names the record in the message. */
export type Subject = { kind: 'contact'; email: string } | { kind: 'deal' } | { kind: 'line items' } | { kind: 'association' } | { kind: 'product options' } | { kind: 'connection' };

interface ErrorDetail {
  message?: string;
  code?: string;
  context?: Record<string, unknown>;
}

const retry = (code: SyncErrorCode, message: string): SyncFailure => ({ retryable: true, code, message });
const refuse = (code: SyncErrorCode, message: string): SyncFailure => ({ retryable: false, code, message });
const describe = (subject: Subject) => (subject.kind === 'contact' ? `the contact ${subject.email}` : `the ${subject.kind}`);
const sentence = (text: string) => text.trim().replace(/[.\s]+$/, '');

/**
 * HubSpot refused what we sent (a 4xx answer, or one input of a batch answered 207): in words, and
 * whether another attempt can succeed without anyone changing anything. A bad email, a pipeline or
 * stage HubSpot does not have, a currency the portal lacks or missing properties need the merchant:
 * they are dead letters at once, and retrying after the fix works.
 */
export function refusalOf(body: unknown, subject: Subject): SyncFailure {
  const details = (((body as { errors?: unknown } | null)?.errors as ErrorDetail[] | undefined) ?? []).filter((d) => d && typeof d === 'object');
  const property = (d: ErrorDetail) => {
    const names = d.context?.propertyName;
    return Array.isArray(names) ? String(names[0]) : undefined;
  };
  const said = details.map((d) => d.message).filter(Boolean).join('; ') || hubspotMessage(body) || 'no reason given';
  const has = (code: string, properties?: string[]) => details.some((d) => d.code === code && (!properties || properties.includes(property(d) ?? '')));

  if (has('INVALID_EMAIL') || (subject.kind === 'contact' && /INVALID_EMAIL/.test(hubspotMessage(body) ?? ''))) {
    const email = subject.kind === 'contact' ? ` "${subject.email}"` : '';
    return refuse('invalid_email', `HubSpot refused the buyer's email address${email}: ${sentence(said)}. Correct the email, then retry.`);
  }
  if (has('INVALID_OPTION', [hubspotProperties.contact.productsPurchased])) {
    return retry('product_options_changed', `HubSpot's "Products purchased" property lacked an option (${sentence(said)}); the options are added again on the next attempt.`);
  }
  if (has('INVALID_OPTION', ['pipeline', 'dealstage'])) {
    return refuse('deal_settings_refused', `HubSpot refused the deal's pipeline or stage: ${sentence(said)}. Check the payment form's deal pipeline and stages, then retry.`);
  }
  if (has('INVALID_OPTION', ['deal_currency_code', 'hs_line_item_currency_code'])) {
    return refuse('currency_refused', `HubSpot refused the payment's currency for ${describe(subject)}: ${sentence(said)}. Add the currency to the HubSpot account's currencies, then retry.`);
  }
  if (has('PROPERTY_DOESNT_EXIST')) {
    return refuse('properties_missing', `HubSpot lacks a property OnePagePay writes (${sentence(said)}). Reconnect HubSpot, which creates them, then retry.`);
  }
  return refuse('refused', `HubSpot refused ${describe(subject)}: ${sentence(said)}.`);
}

/** An email HubSpot would refuse, found before sending it (HubSpot fails the whole batch for one). */
export function invalidEmail(email: string): SyncFailure {
  return refuse('invalid_email', `HubSpot would refuse the buyer's email address "${email}" (it needs a dotted domain ending in letters, like ada@example.com). Correct the email, then retry.`);
}

/**
 * Any failure of a HubSpot call, classified. Transient ones (unreachable, 5xx, 429, the token refused
 * or lacking a scope until the merchant reconnects) are retried with backoff; refusals go through
 * `refusalOf`. Anything that is not a HubSpot failure is rethrown (a bug or the database: the job
 * fails and pg-boss retries it).
 */
export function failureOf(err: unknown, subject: Subject = { kind: 'connection' }): SyncFailure {
  if (err instanceof RateLimitedError) {
    return { ...retry('rate_limited', `HubSpot's rate limit for the portal was reached; the sync resumes after ${err.retryAt.toISOString()}.`), retryAt: err.retryAt };
  }
  if (err instanceof SyncOutOfTimeError) {
    return retry('out_of_time', 'HubSpot answered too slowly for the sync to finish this payment in its turn; it is tried again shortly.');
  }
  if (err instanceof AppError) {
    if (err.code === 'provider_unavailable') return retry('unreachable', err.message);
    if (err.code === 'unprocessable') return retry('credentials_refused', `${sentence(err.message)}. Reconnect HubSpot; the sync retries by itself.`);
    throw err;
  }
  const answer = hubspotStatus(err);
  if (!answer) {
    if (isNetworkError(err)) {
      const cause = (err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message;
      return retry('unreachable', `HubSpot could not be reached (${sentence(cause)}).`);
    }
    throw err;
  }
  const said = hubspotMessage(answer.body);
  const status = `HTTP ${answer.status}${said ? `: ${sentence(said)}` : ''}`;
  if (answer.status === 429) return retry('rate_limited', `HubSpot's rate limit was reached (${status}).`);
  if (answer.status >= 500) return retry('hubspot_unavailable', `HubSpot failed on its side (${status}).`);
  if (answer.status === 401) return retry('credentials_refused', `HubSpot refused the connection's token (${status}). Reconnect HubSpot; the sync retries by itself.`);
  if (answer.status === 403) return retry('missing_scopes', `HubSpot refused access (${status}). Grant the scopes listed in the docs (or reconnect); the sync retries by itself.`);
  if (answer.status === 404 && subject.kind === 'product options') {
    return refuse('properties_missing', `HubSpot lacks OnePagePay's "Products purchased" property (${status}). Reconnect HubSpot, which creates it, then retry.`);
  }
  if (answer.status === 404 || answer.status === 408) return retry('hubspot_unavailable', `HubSpot did not find a record or timed out (${status}).`);
  return refusalOf(answer.body, subject);
}
