import { sql } from 'drizzle-orm';
import type { Mode } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import type { OutgoingMail } from '../platform/mail/mailer.js';
import { formatAmount } from '../platform/money/currencies.js';
import { escapeHtml } from '../platform/text/escape-html.js';

/** One mode's day: payments that went through, refunds that did, payments that failed, syncs HubSpot refused (still open). */
export interface ModeDay {
  mode: Mode;
  paid: { count: number; amounts: Record<string, number> };
  refunded: { count: number; amounts: Record<string, number> };
  failed: number;
  unsynced: number;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The account's day (`YYYY-MM-DD`, UTC), per mode with anything in it; empty when nothing happened. */
export async function summarizeDay(ctx: Pick<AppContext, 'database'>, accountId: string, day: string): Promise<ModeDay[]> {
  const [from, to] = [`${day}T00:00:00Z`, `${nextDay(day)}T00:00:00Z`];
  const rows = await withTenant(ctx.database, accountId, async (tx) => {
    const result = await tx.execute(sql`
      SELECT mode, 'paid' AS what, currency, count(*)::int AS n, sum(amount)::bigint AS amount FROM transactions
       WHERE account_id = ${accountId} AND succeeded_at >= ${from}::timestamptz AND succeeded_at < ${to}::timestamptz GROUP BY mode, currency
      UNION ALL
      SELECT mode, 'refunded', currency, count(*)::int, sum(amount)::bigint FROM refunds
       WHERE account_id = ${accountId} AND status = 'succeeded' AND updated_at >= ${from}::timestamptz AND updated_at < ${to}::timestamptz GROUP BY mode, currency
      UNION ALL
      SELECT mode, 'failed', '', count(*)::int, 0 FROM transactions
       WHERE account_id = ${accountId} AND status = 'failed' AND updated_at >= ${from}::timestamptz AND updated_at < ${to}::timestamptz GROUP BY mode
      UNION ALL
      SELECT mode, 'unsynced', '', count(*)::int, 0 FROM hubspot_syncs WHERE account_id = ${accountId} AND state = 'failed' GROUP BY mode`);
    return (result as unknown as { rows: { mode: Mode; what: string; currency: string; n: number; amount: string | number }[] }).rows;
  });
  const days = new Map<Mode, ModeDay>();
  for (const row of rows) {
    let d = days.get(row.mode);
    if (!d) days.set(row.mode, (d = { mode: row.mode, paid: { count: 0, amounts: {} }, refunded: { count: 0, amounts: {} }, failed: 0, unsynced: 0 }));
    if (row.what === 'paid' || row.what === 'refunded') {
      d[row.what].count += row.n;
      d[row.what].amounts[row.currency] = Number(row.amount);
    } else if (row.what === 'failed') d.failed = row.n;
    else d.unsynced = row.n;
  }
  return (['live', 'test'] as const).flatMap((mode) => days.get(mode) ?? []);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const money = (amounts: Record<string, number>) =>
  Object.entries(amounts)
    .map(([currency, amount]) => formatAmount(amount, currency))
    .join(' + ');

/** The lines of one mode's day, in words. */
function lines(d: ModeDay): string[] {
  return [
    d.paid.count ? `${plural(d.paid.count, 'payment')}: ${money(d.paid.amounts)}` : 'No payments.',
    ...(d.refunded.count ? [`${plural(d.refunded.count, 'refund')}: ${money(d.refunded.amounts)}`] : []),
    ...(d.failed ? [`${plural(d.failed, 'payment')} failed`] : []),
    ...(d.unsynced ? [`${plural(d.unsynced, 'payment')} HubSpot refused to sync: see HubSpot sync in the dashboard`] : []),
  ];
}

/** The summary email of a day, live data first; test data marked as such. */
export function renderDailySummary(input: { accountName: string; day: string; days: ModeDay[]; dashboardUrl: string }): Omit<OutgoingMail, 'to'> {
  const { accountName, day, days, dashboardUrl } = input;
  const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  const live = days.find((d) => d.mode === 'live');
  const headline = live?.paid.count ? `${plural(live.paid.count, 'payment')}, ${money(live.paid.amounts)}` : days.some((d) => d.mode === 'live') ? 'no live payments' : 'test data only';
  const sections = days.map((d) => ({ title: d.mode === 'live' ? 'Live' : 'Test data (no real money)', lines: lines(d) }));
  const text = [
    `${accountName} on ${date} (UTC)`,
    '',
    ...sections.flatMap((s) => [s.title, ...s.lines.map((l) => `- ${l}`), '']),
    `Transactions: ${dashboardUrl}/transactions`,
    '',
    'You get this email because you turned on the daily summary in OnePagePay (Team → Your email notifications).',
  ].join('\n');
  const html = [
    `<p><strong>${escapeHtml(accountName)}</strong> on ${escapeHtml(date)} (UTC)</p>`,
    ...sections.map((s) => `<h2>${escapeHtml(s.title)}</h2><ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`),
    `<p><a href="${escapeHtml(`${dashboardUrl}/transactions`)}">Open the transactions</a></p>`,
    '<p style="color:#667085;font-size:12px">You get this email because you turned on the daily summary in OnePagePay (Team → Your email notifications).</p>',
  ].join('\n');
  return { subject: `${accountName} on ${date}: ${headline}`, text, html };
}
