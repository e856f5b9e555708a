import { sql } from 'drizzle-orm';
import type { Mode } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import type { OutgoingMail } from '../platform/mail/mailer.js';
import { escapeHtml } from '../platform/text/escape-html.js';

/** After an alert, the next one waits this long however many syncs fail meanwhile (one alert per incident, not per payment). */
export const alertQuietMs = 6 * 3600_000;
/** Failures older than this are not news: they were in the summary, or are being handled. */
const lookBackMs = 24 * 3600_000;

export interface SyncFailures {
  /** The newest failure: an alert is about the failures up to it (its `ref`). */
  newest: Date;
  count: number;
  modes: Mode[];
  /** The reasons, most frequent first, in the words the sync page shows. */
  reasons: { message: string; count: number }[];
}

/**
 * Payments HubSpot refused (dead letters) since the account's last alert, or in the last day; null
 * when there are none, or when the last alert went out less than `alertQuietMs` ago.
 */
export async function newSyncFailures(ctx: Pick<AppContext, 'database'>, accountId: string, now: Date): Promise<SyncFailures | null> {
  return withTenant(ctx.database, accountId, async (tx) => {
    const last = (await tx.execute(sql`
      SELECT max(created_at) AS at FROM merchant_notifications WHERE account_id = ${accountId} AND kind = 'sync_failures'`)) as unknown as { rows: { at: string | Date | null }[] };
    const lastAt = last.rows[0]?.at ? new Date(last.rows[0].at) : null;
    if (lastAt && now.getTime() - lastAt.getTime() < alertQuietMs) return null;
    const since = new Date(Math.max(lastAt?.getTime() ?? 0, now.getTime() - lookBackMs));
    const result = (await tx.execute(sql`
      SELECT mode, coalesce(last_error, error_code, 'HubSpot refused it') AS message, count(*)::int AS n, max(failed_at) AS newest FROM hubspot_syncs
       WHERE account_id = ${accountId} AND state = 'failed' AND failed_at > ${since.toISOString()}::timestamptz
       GROUP BY mode, message ORDER BY n DESC, message`)) as unknown as { rows: { mode: Mode; message: string; n: number; newest: string | Date }[] };
    if (result.rows.length === 0) return null;
    const reasons = new Map<string, number>();
    for (const r of result.rows) reasons.set(r.message, (reasons.get(r.message) ?? 0) + r.n);
    return {
      newest: new Date(Math.max(...result.rows.map((r) => new Date(r.newest).getTime()))),
      count: result.rows.reduce((sum, r) => sum + r.n, 0),
      modes: [...new Set(result.rows.map((r) => r.mode))],
      reasons: [...reasons].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count),
    };
  });
}

/** The alert: how many, why (the three most frequent reasons), and where to fix and retry them. */
export function renderSyncAlert(input: { accountName: string; failures: SyncFailures; dashboardUrl: string }): Omit<OutgoingMail, 'to'> {
  const { accountName, failures, dashboardUrl } = input;
  const what = failures.count === 1 ? '1 payment could not be synced' : `${failures.count} payments could not be synced`;
  const where = failures.modes.length === 1 && failures.modes[0] === 'test' ? ' (test data)' : '';
  const reasons = failures.reasons.slice(0, 3).map((r) => `${r.message}${r.count > 1 ? ` (${r.count} payments)` : ''}`);
  const url = `${dashboardUrl}/sync`;
  const text = [
    `${what} to HubSpot for ${accountName}${where}. HubSpot refused them, so they will not be tried again until you retry.`,
    '',
    'Why:',
    ...reasons.map((r) => `- ${r}`),
    '',
    `Fix the cause, then retry them: ${url}`,
    '',
    'You get this email because you turned on sync failure alerts in OnePagePay (Team → Your email notifications). At most one every 6 hours.',
  ].join('\n');
  const html = [
    `<p>${escapeHtml(what)} to HubSpot for <strong>${escapeHtml(accountName)}</strong>${escapeHtml(where)}. HubSpot refused them, so they will not be tried again until you retry.</p>`,
    `<p>Why:</p><ul>${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`,
    `<p><a href="${escapeHtml(url)}">Fix the cause, then retry them</a></p>`,
    '<p style="color:#667085;font-size:12px">You get this email because you turned on sync failure alerts in OnePagePay (Team → Your email notifications). At most one every 6 hours.</p>',
  ].join('\n');
  return { subject: `${accountName}: ${what} to HubSpot`, text, html };
}
