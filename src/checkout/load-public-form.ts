import { and, eq } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { loadFormItems } from '../forms/form-items.js';
import { paymentForms, providerConnections } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { notFound } from '../platform/http/errors.js';

/**
 * A payment form as the public API sees it: found by account and form id alone (the form decides
 * the mode), with only what is on sale, and whether Stripe is connected in the form's mode.
 * Unknown account, unknown form and another account's form are the same 404.
 */
export async function loadPublicForm(tx: Tx, accountId: string, formId: string) {
  const [row] = await tx
    .select({ form: paymentForms, stripe: providerConnections })
    .from(paymentForms)
    .leftJoin(
      providerConnections,
      and(eq(providerConnections.accountId, paymentForms.accountId), eq(providerConnections.mode, paymentForms.mode), eq(providerConnections.provider, 'stripe')),
    )
    .where(and(eq(paymentForms.accountId, accountId), eq(paymentForms.id, formId)));
  if (!row) throw notFound('Payment form');
  const { form, stripe } = row;
  const scope: Scope = { accountId, mode: form.mode };
  const items = (await loadFormItems(tx, scope, [form.id])).get(form.id) ?? [];
  return {
    form,
    scope,
    onSale: items.filter((item) => !item.price.archived && !item.product.archived),
    /** The stored Stripe connection of the form's mode (credentials sealed), or null. */
    stripeConnection: stripe ?? null,
  };
}

export type PublicForm = Awaited<ReturnType<typeof loadPublicForm>>;

/** The form's allowed domains, when it lists any, bound the browsers that may use it; a request without Origin is not a browser's. */
export function originAllowed(form: PublicForm['form'], origin: string | undefined): boolean {
  return form.allowedDomains.length === 0 || origin === undefined || form.allowedDomains.includes(origin);
}
