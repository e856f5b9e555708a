import { and, desc, eq } from 'drizzle-orm';
import { afterCursor, defaultPageSize, toPage } from '../catalog/pagination.js';
import type { Scope } from '../catalog/scope.js';
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
  const limit = query.limit ?? defaultPageSize;
  const rows = await tx
    .select()
    .from(paymentForms)
    .where(
      and(
        eq(paymentForms.accountId, scope.accountId),
        eq(paymentForms.mode, scope.mode),
        query.archived === undefined ? undefined : eq(paymentForms.archived, query.archived),
        afterCursor(paymentForms, scope.accountId, query.cursor),
      ),
    )
    .orderBy(desc(paymentForms.createdAt), desc(paymentForms.id))
    .limit(limit + 1);
  const items = await loadFormItems(tx, scope, rows.slice(0, limit).map((f) => f.id));
  return toPage(rows, limit, (form) => serializeForm(form, items.get(form.id) ?? [], publicUrl));
}
