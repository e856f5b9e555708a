import type { SyncState } from '../../api/types.js';

const words: Record<SyncState, { label: string; tone: string }> = {
  synced: { label: 'Synced', tone: 'success' },
  pending: { label: 'Sync pending', tone: 'warning' },
  retrying: { label: 'Retrying', tone: 'warning' },
  failed: { label: 'Sync failed', tone: 'danger' },
  skipped: { label: 'Not synced', tone: 'neutral' },
  not_applicable: { label: 'Not synced (payment not final)', tone: 'neutral' },
};

export function SyncStateBadge({ state }: { state: SyncState }) {
  return <span className={`badge badge-${words[state].tone}`}>{words[state].label}</span>;
}
