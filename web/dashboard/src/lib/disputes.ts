import type { Transaction } from '../api/types.js';

/** How a chargeback reads next to the payment's status. */
export const disputeLabel: Record<NonNullable<Transaction['dispute']>, string> = {
  disputed: 'Disputed',
  won: 'Dispute won',
  lost: 'Dispute lost',
};
