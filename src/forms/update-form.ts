import { and, eq } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { paymentForms } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { saveFormItems } from './form-items.js';
import { settingsColumns, type FormInput } from './form-input.js';
import { checkCompletion } from './form-settings.js';
import { loadForm } from './load-form.js';
import { resolveFormItems } from './resolve-form-items.js';

/**
 * Changes a form. Sending `items` replaces what it offers; prices already on the form may stay
 * even if archived since, new ones must be active. Items, selection and currency are checked together.
 * Returns the form and its items as they are now, and `before` the change.
 */
export async function updateForm(tx: Tx, scope: Scope, formId: string, patch: FormInput) {
  const before = await loadForm(tx, scope, formId, { forUpdate: true });
  const current = before.items.map((item) => item.price.id);
  const priceIds = patch.items ? patch.items.map((item) => item.priceId) : current;
  const reshaped = patch.items !== undefined || patch.selection !== undefined || patch.currency !== undefined;
  const currency = reshaped
    ? await resolveFormItems(tx, scope, {
        priceIds,
        selection: patch.selection ?? before.form.selection,
        currency: patch.currency ?? before.form.currency,
        keep: new Set(current),
      })
    : before.form.currency;
  const settings = settingsColumns(patch);
  checkCompletion(
    settings.successMessage !== undefined ? settings.successMessage : before.form.successMessage,
    settings.redirectUrl !== undefined ? settings.redirectUrl : before.form.redirectUrl,
  );
  await tx
    .update(paymentForms)
    .set({ ...settings, ...(patch.selection ? { selection: patch.selection } : {}), currency, updatedAt: new Date() })
    .where(and(eq(paymentForms.accountId, scope.accountId), eq(paymentForms.mode, scope.mode), eq(paymentForms.id, formId)));
  if (patch.items) await saveFormItems(tx, scope, formId, priceIds);
  return { ...(await loadForm(tx, scope, formId)), before };
}
