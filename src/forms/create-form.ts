import type { Scope } from '../platform/tenancy/scope.js';
import { newId } from '../platform/tenancy/ids.js';
import { paymentForms, type FormSelection } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { saveFormItems } from './form-items.js';
import { settingsColumns, type FormInput } from './form-input.js';
import { checkCompletion } from './form-settings.js';
import { loadForm } from './load-form.js';
import { resolveFormItems } from './resolve-form-items.js';

/** A new payment form offering active prices of this account and mode, all in one currency. */
export async function createForm(tx: Tx, scope: Scope, input: FormInput & { name: string; items: { priceId: string }[]; selection: FormSelection }) {
  const priceIds = input.items.map((item) => item.priceId);
  const currency = await resolveFormItems(tx, scope, { priceIds, selection: input.selection, currency: input.currency });
  const settings = settingsColumns(input);
  checkCompletion(settings.successMessage ?? null, settings.redirectUrl ?? null);
  const id = newId('form');
  await tx.insert(paymentForms).values({ ...settings, id, accountId: scope.accountId, mode: scope.mode, name: settings.name!, selection: input.selection, currency, archived: false });
  await saveFormItems(tx, scope, id, priceIds);
  return loadForm(tx, scope, id);
}
