import { and, eq } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { paymentForms } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { notFound } from '../platform/http/errors.js';
import { loadFormItems } from './form-items.js';

/** The form of this account and mode with the prices it offers (and their products), or a 404. */
export async function loadForm(tx: Tx, scope: Scope, formId: string, options: { forUpdate?: boolean } = {}) {
  const query = tx
    .select()
    .from(paymentForms)
    .where(and(eq(paymentForms.accountId, scope.accountId), eq(paymentForms.mode, scope.mode), eq(paymentForms.id, formId)));
  const [form] = options.forUpdate ? await query.for('update') : await query;
  if (!form) throw notFound('Payment form');
  const items = (await loadFormItems(tx, scope, [form.id])).get(form.id) ?? [];
  return { form, items };
}
