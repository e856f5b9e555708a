import type { AuditEntry } from '../../api/types.js';

const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const providerNames: Record<string, string> = { stripe: 'Stripe', hubspot: 'HubSpot', paypal: 'PayPal' };
const provider = (value: unknown) => providerNames[str(value)] ?? (str(value) || 'a provider');

/** An audit entry as a sentence; unknown actions (added later on the server) still read sensibly. */
export function describeAuditEntry(entry: AuditEntry): string {
  const target = entry.target ?? '';
  const m = entry.metadata;
  switch (entry.action) {
    case 'account.created':
      return `Created the account (${target})`;
    case 'account.updated':
      return `Renamed the account to “${str(m.name)}”`;
    case 'auth.signed_in':
      return 'Signed in';
    case 'auth.signed_out':
      return 'Signed out';
    case 'auth.account_switched':
      return 'Switched to this account';
    case 'member.invited':
      return `Invited ${target} as ${str(m.role)}`;
    case 'member.invite_revoked':
      return `Revoked the invite for ${target}`;
    case 'member.joined':
      return `Joined the team as ${str(m.role)}`;
    case 'member.role_changed':
      return `Changed a member's role from ${str(m.from)} to ${str(m.to)}`;
    case 'member.removed':
      return `Removed a member (${str(m.role)})`;
    case 'connection.created':
      return `Connected ${provider(m.provider)}${m.mode ? ` in ${str(m.mode)} mode` : ''}${m.sandbox ? ' (sandbox)' : ''}`;
    case 'connection.removed':
      return `Disconnected ${provider(m.provider)}${m.mode ? ` in ${str(m.mode)} mode` : ''}`;
    case 'refund.created':
      return `Refunded ${target || 'a transaction'}`;
    default: {
      const words = entry.action.replace(/[._]/g, ' ');
      return target ? `${words[0].toUpperCase()}${words.slice(1)}: ${target}` : `${words[0].toUpperCase()}${words.slice(1)}`;
    }
  }
}
