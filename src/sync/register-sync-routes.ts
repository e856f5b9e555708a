import type { App, AppContext } from '../platform/http/types.js';
import { registerSyncFailuresList } from './routes/sync-failures-list.js';
import { registerSyncFailuresRetry } from './routes/sync-failures-retry.js';
import { registerSyncTransactionGet } from './routes/sync-transaction-get.js';
import { registerSyncTransactionRetry } from './routes/sync-transaction-retry.js';

/** The HubSpot sync's private API: a payment's sync status, the dead letters, retrying one or all. */
export function registerSyncRoutes(app: App, ctx: AppContext) {
  for (const register of [registerSyncTransactionGet, registerSyncTransactionRetry, registerSyncFailuresList, registerSyncFailuresRetry]) register(app, ctx);
}
