import type { Contact } from '../api/types.js';
import { formatMoney } from './money.js';

/** What a buyer kept paid, per currency ("$39.50 + €12.00"), or a dash. */
export const lifetimeValue = (contact: Pick<Contact, 'lifetimeValue'>) =>
  Object.entries(contact.lifetimeValue)
    .map(([currency, amount]) => formatMoney(amount, currency))
    .join(' + ') || '—';

/** "Ada Lovelace", or '' when the buyer gave no name. */
export const contactName = (contact: Pick<Contact, 'firstName' | 'lastName'>) => [contact.firstName, contact.lastName].filter(Boolean).join(' ');
