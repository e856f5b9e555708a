import type { App, AppContext } from '../platform/http/types.js';
import { registerContactsGet } from './routes/contacts-get.js';
import { registerContactsExport } from './routes/contacts-export.js';
import { registerContactsList } from './routes/contacts-list.js';
import { registerRefundsCreate } from './routes/refunds-create.js';
import { registerSearch } from './routes/search.js';
import { registerTransactionsExport } from './routes/transactions-export.js';
import { registerTransactionsGet } from './routes/transactions-get.js';
import { registerTransactionsList } from './routes/transactions-list.js';
import { registerTransactionsSummary } from './routes/transactions-summary.js';

/** The payments' private API: transactions, refunds, contacts (the providers' webhook route is registered on its own, it reads raw bodies). */
export function registerPaymentRoutes(app: App, ctx: AppContext) {
  for (const register of [
    registerTransactionsList,
    registerTransactionsSummary,
    registerTransactionsExport,
    registerTransactionsGet,
    registerRefundsCreate,
    registerContactsExport,
    registerContactsList,
    registerContactsGet,
    registerSearch,
  ]) {
    register(app, ctx);
  }
}
