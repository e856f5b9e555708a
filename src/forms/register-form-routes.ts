import type { App, AppContext } from '../platform/http/types.js';
import { registerFormsArchive } from './routes/forms-archive.js';
import { registerFormsCreate } from './routes/forms-create.js';
import { registerFormsGet } from './routes/forms-get.js';
import { registerFormsReceiptPreview } from './routes/forms-receipt-preview.js';
import { registerFormsList } from './routes/forms-list.js';
import { registerFormsUpdate } from './routes/forms-update.js';

/** The payment forms' private API, per account and mode. */
export function registerFormRoutes(app: App, ctx: AppContext) {
  for (const register of [registerFormsList, registerFormsCreate, registerFormsGet, registerFormsReceiptPreview, registerFormsUpdate, registerFormsArchive]) register(app, ctx);
}
