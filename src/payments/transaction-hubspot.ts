import { Type, type Static } from '@sinclair/typebox';
import type { Scope } from '../platform/tenancy/scope.js';
import { Nullable } from '../catalog/schemas.js';
import type { contacts, transactions } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { getSyncStatus, SyncSummarySchema } from '../sync/sync-status.js';

/**
 * The HubSpot part of a transaction's detail. The sync module owns what it adds here (deal id,
 * sync status, last error…): extend the schema and `hubspotDetail` together.
 */
export const HubSpotDetailSchema = Type.Object({
  contactId: Nullable(Type.String({ description: "The buyer's HubSpot contact id, once synced" })),
  dealId: Nullable(Type.String({ description: "The HubSpot deal recording the payment, once synced" })),
  sync: SyncSummarySchema,
});
export type HubSpotDetail = Static<typeof HubSpotDetailSchema>;

export async function hubspotDetail(tx: Tx, scope: Scope, transaction: typeof transactions.$inferSelect, contact: typeof contacts.$inferSelect): Promise<HubSpotDetail> {
  const { state, attempts, error, nextAttemptAt, failedAt, syncedAt } = await getSyncStatus(tx, scope, transaction.id);
  return { contactId: contact.hubspotContactId, dealId: transaction.hubspotDealId, sync: { state, attempts, error, nextAttemptAt, failedAt, syncedAt } };
}
