import { eq } from 'drizzle-orm';
import { listPage } from '../platform/tenancy/pagination.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { paymentForms } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { loadFormItems } from './form-items.js';
import { serializeForm } from './serialize-form.js';

export interface ListFormsQuery {
  limit?: number;
  cursor?: string;
  archived?: boolean;
}

/** A page of the account's payment forms in this mode, newest first, each with its items. */
export async function listForms(tx: Tx, scope: Scope, query: ListFormsQuery, publicUrl: string) {
  const { rows, nextCursor } = await listPage(tx, paymentForms, scope, query, [query.archived === undefined ? undefined : eq(paymentForms.archived, query.archived)]);
  const items = await loadFormItems(tx, scope, rows.map((f) => f.id));
  return { data: rows.map((form) => serializeForm(form, items.get(form.id) ?? [], publicUrl)), nextCursor };
}
