/** A coloured word for a status; the colour only repeats what the word says. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const tone =
    {
      succeeded: 'success',
      active: 'success',
      connected: 'success',
      synced: 'success',
      up: 'success',
      refunded: 'neutral',
      partially_refunded: 'neutral',
      archived: 'neutral',
      pending: 'warning',
      processing: 'warning',
      requires_action: 'warning',
      degraded: 'warning',
      failed: 'danger',
      canceled: 'neutral',
      down: 'danger',
      disputed: 'danger',
      won: 'success',
      lost: 'danger',
    }[status] ?? 'neutral';
  const text = label ?? status.replace(/_/g, ' ');
  return <span className={`badge badge-${tone}`}>{text[0].toUpperCase() + text.slice(1)}</span>;
}
