import type * as SentryModule from '@sentry/node';
import { redactedKeyPattern, redactText } from './redact.js';

/**
 * Unhandled errors reported to Sentry when SENTRY_DSN is set (routes' 5xx, failed jobs, crashes
 * of `serve` and `worker`). Nothing is sent without a DSN, and @sentry/node is not even loaded.
 * What leaves scrubbed: emails, IP addresses, provider keys and tokens, card-like numbers, and
 * the values of fields that name a person or a secret (scrubEvent).
 */
let sentry: typeof SentryModule | undefined;

export interface ErrorReportingOptions {
  dsn?: string;
  release: string;
  environment: string;
}

export async function initErrorReporting(options: ErrorReportingOptions): Promise<boolean> {
  if (!options.dsn || sentry) return Boolean(sentry);
  const loaded = await import('@sentry/node');
  loaded.init({
    dsn: options.dsn,
    release: options.release,
    environment: options.environment,
    dataCollection: { userInfo: false, cookies: false, httpHeaders: false, httpBodies: [], urlQueryParams: false },
    // Errors only: no tracing, no automatic instrumentation of outgoing calls.
    defaultIntegrations: false,
    integrations: [loaded.onUncaughtExceptionIntegration(), loaded.onUnhandledRejectionIntegration({ mode: 'warn' }), loaded.linkedErrorsIntegration()],
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: () => null,
  });
  sentry = loaded;
  return true;
}

/** Reports an error with what helps find it (request id, route, job); a no-op without SENTRY_DSN. */
export function reportError(err: unknown, context: Record<string, string | number | undefined> = {}) {
  if (!sentry) return;
  const tags = Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
  sentry.captureException(err, { tags });
}

/** Waits until reported errors are sent (before a process exits). */
export async function flushErrorReports(timeoutMs = 2000) {
  await sentry?.flush(timeoutMs);
}

const email = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const ipv4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const ipv6 = /\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b/gi;
// Stripe (sk_/rk_/pk_/whsec_), HubSpot private app tokens (pat-…), OAuth bearer tokens.
const providerKey = /\b(?:(?:sk|rk|pk)_(?:test|live)_[A-Za-z0-9]+|whsec_[A-Za-z0-9]+|pat-[a-z0-9]+-[A-Za-z0-9-]+)\b|Bearer\s+\S+/g;
const personalKey = /^(e-?mail|name|first_?name|last_?name|full_?name|phone|address|ip|ip_address|client_ip|remote_address|x-forwarded-for|contact)$/i;

export function scrubText(text: string): string {
  return redactText(text).replace(providerKey, '[key redacted]').replace(email, '[email redacted]').replace(ipv4, '[ip redacted]').replace(ipv6, '[ip redacted]');
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || depth > 10) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, v]) => [
      key,
      (redactedKeyPattern.test(key) || personalKey.test(key)) && v !== undefined && v !== null ? '[redacted]' : scrub(v, depth + 1),
    ]),
  );
}

/** What an event may carry: its message, exception texts, tags and contexts scrubbed; no user, no request body. */
export function scrubEvent<E extends SentryModule.ErrorEvent>(event: E): E {
  const out = { ...event };
  delete out.user;
  if (out.request) out.request = { method: out.request.method, url: out.request.url ? scrubText(out.request.url.split('?')[0]!) : undefined };
  if (out.message) out.message = scrubText(out.message);
  if (out.exception?.values) {
    out.exception = {
      ...out.exception,
      values: out.exception.values.map((v) => ({ ...v, ...(v.value ? { value: scrubText(v.value) } : {}) })),
    };
  }
  for (const key of ['tags', 'extra', 'contexts'] as const) if (out[key]) (out as Record<string, unknown>)[key] = scrub(out[key]);
  delete out.breadcrumbs;
  return out;
}
