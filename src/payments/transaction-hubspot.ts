import type { Scope } from '../platform/tenancy/scope.js';
import type { HubSpotDetail } from './schemas.js';
import type { contacts, transactions } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { getSyncStatus } from '../sync/sync-status.js';


export async function hubspotDetail(tx: Tx, scope: Scope, transaction: typeof transactions.$inferSelect, contact: typeof contacts.$inferSelect): Promise<HubSpotDetail> {
  const { state, attempts, error, nextAttemptAt, failedAt, syncedAt } = await getSyncStatus(tx, scope, transaction.id);
  return { contactId: contact.hubspotContactId, dealId: transaction.hubspotDealId, sync: { state, attempts, error, nextAttemptAt, failedAt, syncedAt } };
}
