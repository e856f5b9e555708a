import type { AuditEntry } from '../../api/types.js';
import { formatMoney } from '../../lib/money.js';

const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const providerNames: Record<string, string> = { stripe: 'Stripe', hubspot: 'HubSpot', paypal: 'PayPal' };
const provider = (value: unknown) => providerNames[str(value)] ?? (str(value) || 'a provider');

/** A value of a before/after change, short: text quoted, objects and lists summed up. */
const shown = (value: unknown): string =>
  value === null || value === undefined || value === '' ? 'nothing' : typeof value === 'object' ? (Array.isArray(value) ? `${value.length} item(s)` : 'other settings') : `“${String(value)}”`;

/** `name “Tee” → “T-shirt”; archived “false” → “true”`, from `metadata.changes`. */
function changeList(m: Record<string, unknown>): string {
  const changes = m.changes && typeof m.changes === 'object' ? (m.changes as Record<string, { from?: unknown; to?: unknown }>) : {};
  return Object.entries(changes)
    .map(([field, { from, to }]) => `${field} ${shown(from)} → ${shown(to)}`)
    .join('; ');
}

/** An audit entry as a sentence; unknown actions (added later on the server) still read sensibly. */
export function describeAuditEntry(entry: AuditEntry): string {
  const target = entry.target ?? '';
  const m = entry.metadata;
  switch (entry.action) {
    case 'account.created':
      return `Created the account (${target})`;
    case 'account.updated':
      return `Renamed the account to “${str(m.name)}”`;
    case 'product.created':
      return `Created the product “${str(m.name)}”`;
    case 'price.created':
      return `Created a ${str(m.currency).toUpperCase()} price for ${str(m.productId)}`;
    case 'form.created':
      return `Created the payment form “${str(m.name)}”`;
    case 'product.updated':
    case 'price.updated':
    case 'form.updated':
      return `Changed the ${entry.action.split('.')[0] === 'form' ? 'payment form' : entry.action.split('.')[0]} ${target}: ${changeList(m)}`;
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
      return `Refunded ${typeof m.amount === 'number' && typeof m.currency === 'string' ? `${formatMoney(m.amount, m.currency)} of ` : ''}${target || 'a transaction'}`;
    default: {
      const words = entry.action.replace(/[._]/g, ' ');
      return target ? `${words[0].toUpperCase()}${words.slice(1)}: ${target}` : `${words[0].toUpperCase()}${words.slice(1)}`;
    }
  }
}
