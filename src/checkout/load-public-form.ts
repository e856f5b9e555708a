import { and, eq, inArray } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { loadFormItems } from '../forms/form-items.js';
import { paymentForms, paymentProviders, providerConnections, type PaymentProvider } from '../platform/db/schema.js';
import type { ConnectionRow } from '../providers/payment-provider.js';
import type { Tx } from '../platform/db/tenant.js';
import { notFound } from '../platform/http/errors.js';

/**
 * A payment form as the public API sees it: found by account and form id alone (the form decides
 * the mode), with only what is on sale, and the payment providers connected in the form's mode
 * (one query: this runs on every checkout). Unknown account, unknown form and another account's
 * form are the same 404.
 */
export async function loadPublicForm(tx: Tx, accountId: string, formId: string) {
  const rows = await tx
    .select({ form: paymentForms, connection: providerConnections })
    .from(paymentForms)
    .leftJoin(
      providerConnections,
      and(
        eq(providerConnections.accountId, paymentForms.accountId),
        eq(providerConnections.mode, paymentForms.mode),
        inArray(providerConnections.provider, [...paymentProviders]),
      ),
    )
    .where(and(eq(paymentForms.accountId, accountId), eq(paymentForms.id, formId)));
  if (rows.length === 0) throw notFound('Payment form');
  const { form } = rows[0]!;
  const scope: Scope = { accountId, mode: form.mode };
  const items = (await loadFormItems(tx, scope, [form.id])).get(form.id) ?? [];
  /** The stored connections of the form's mode by provider (credentials sealed). */
  const connections: Partial<Record<PaymentProvider, ConnectionRow>> = {};
  for (const { connection } of rows) if (connection) connections[connection.provider as PaymentProvider] = connection;
  return {
    form,
    scope,
    onSale: items.filter((item) => !item.price.archived && !item.product.archived),
    connections,
  };
}

export type PublicForm = Awaited<ReturnType<typeof loadPublicForm>>;

/** The form's allowed domains, when it lists any, bound the browsers that may use it; a request without Origin is not a browser's. */
export function originAllowed(form: PublicForm['form'], origin: string | undefined): boolean {
  return form.allowedDomains.length === 0 || origin === undefined || form.allowedDomains.includes(origin);
}
