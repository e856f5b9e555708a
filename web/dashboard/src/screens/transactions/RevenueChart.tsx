import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RevenueSummary } from '../../api/types.js';
import { formatMoney } from '../../lib/money.js';

const shortDate = (day: string, interval: RevenueSummary['interval']) =>
  new Intl.DateTimeFormat(undefined, interval === 'month' ? { month: 'short', year: 'numeric', timeZone: 'UTC' } : { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** Net revenue per bucket in one currency (loaded on its own: Recharts is the biggest dependency). */
export default function RevenueChart({ summary, currency }: { summary: RevenueSummary; currency: string }) {
  const data = summary.buckets.map((b) => {
    const totals = b.currencies.find((c) => c.currency === currency);
    return { start: b.start, label: shortDate(b.start, summary.interval), net: totals?.net ?? 0, paid: totals?.paidCount ?? 0 };
  });
  return (
    <div className="chart" role="img" aria-label={`Net revenue in ${currency.toUpperCase()} per ${summary.interval}`}>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e7ec" />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: '#525f7f' }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis tick={{ fontSize: 12, fill: '#525f7f' }} tickFormatter={(v: number) => formatMoney(v, currency).replace(/\.0+$/, '')} width={72} />
          <Tooltip
            formatter={(value) => [formatMoney(Number(value), currency), 'Net revenue']}
            labelFormatter={(_label, payload) => {
              const point = payload?.[0]?.payload as { start: string; paid: number } | undefined;
              return point ? `${point.start} · ${point.paid} paid` : '';
            }}
          />
          <Bar dataKey="net" fill="#4338ca" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
