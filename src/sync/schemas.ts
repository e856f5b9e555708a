import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../catalog/schemas.js';
import { TransactionStatusSchema } from '../platform/http/schemas.js';

/** Where a payment's HubSpot sync stands, as the API and the dashboard show it. */
export const syncStates = ['synced', 'pending', 'retrying', 'failed', 'skipped', 'not_applicable'] as const;
export type SyncState = (typeof syncStates)[number];

const DateTime = Type.String({ format: 'date-time' });

export const SyncStatusSchema = Type.Object({
  object: Type.Literal('hubspot_sync'),
  transactionId: Type.String(),
  transactionStatus: Type.Union(TransactionStatusSchema.anyOf, { description: "The payment's status" }),
  email: Type.String({ description: "The buyer's email (what the HubSpot contact is upserted by)" }),
  amount: Type.Integer(),
  currency: Type.String(),
  transactionCreatedAt: DateTime,
  state: Type.Union(
    syncStates.map((s) => Type.Literal(s)),
    {
      description:
        'synced: HubSpot shows the payment as it is; pending: a sync is due; retrying: attempts failed, another is scheduled; ' +
        'failed: a dead letter, retried only on request; skipped: nothing to send (see error); not_applicable: payments in this status are not synced',
    },
  ),
  attempts: Type.Integer({ description: 'Failed attempts in a row' }),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() }, { description: 'Why the last attempt failed, or why the payment was skipped' })),
  failingSince: Nullable(DateTime),
  nextAttemptAt: Nullable(DateTime),
  failedAt: Nullable(DateTime),
  syncedAt: Nullable(DateTime),
  hubspot: Type.Object({ contactId: Nullable(Type.String()), dealId: Nullable(Type.String()) }),
});
export type SyncStatus = Static<typeof SyncStatusSchema>;

/** The sync fields a transaction's detail shows (GET /api/v1/transactions/:id → hubspot.sync). */
export const SyncSummarySchema = Type.Pick(SyncStatusSchema, ['state', 'attempts', 'error', 'nextAttemptAt', 'failedAt', 'syncedAt']);

