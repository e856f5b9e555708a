import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ModeSchema } from '../accounts/schemas.js';
import { TransactionStatusSchema } from '../platform/http/schemas.js';

/**
 * The payload of a `hubspot-sync` job (the queue: src/platform/jobs/queues.ts): which transaction
 * changed, and to what. Payments enqueue it; the sync worker checks it before running it.
 */
export const SyncJobSchema = Type.Object(
  {
    accountId: Type.String({ pattern: '^[0-9a-f]{32}$' }),
    mode: ModeSchema,
    transactionId: Type.String({ minLength: 1, maxLength: 64 }),
    status: TransactionStatusSchema,
    amountRefunded: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export type SyncJobData = Static<typeof SyncJobSchema>;

export function isSyncJob(data: unknown): data is SyncJobData {
  return Value.Check(SyncJobSchema, data);
}
