import { Type } from '@sinclair/typebox';
import { eq } from 'drizzle-orm';
import { member } from '../../accounts/auth-gate.js';
import { renderReceipt } from '../../email/receipt.js';
import { accounts, buyerLanguages } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { loadForm } from '../load-form.js';
import { FormParams } from './forms-get.js';

const Language = Type.Union(buyerLanguages.map((l) => Type.Literal(l)));

/**
 * GET /api/v1/forms/:formId/receipt-preview?language= — the receipt a buyer of this form would get, for
 * one of each item paid by card, as it would be sent (subject, text, HTML), with a sample reference.
 */
export function registerFormsReceiptPreview(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/forms/:formId/receipt-preview',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['forms'],
        params: FormParams,
        querystring: Type.Object({ language: Type.Optional(Language) }, { additionalProperties: false }),
        response: { 200: Type.Object({ subject: Type.String(), text: Type.String(), html: Type.String() }) },
      },
    },
    async (request) => {
      const me = member(request);
      const { form, items, merchantName } = await withTenant(ctx.database, me.accountId, async (tx) => {
        const loaded = await loadForm(tx, scopeOf(me), request.params.formId);
        const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, me.accountId));
        return { ...loaded, merchantName: account?.name ?? '' };
      });
      const lines = items.map(({ price, product }) => ({
        name: price.nickname ? `${product.name} — ${price.nickname}` : product.name,
        quantity: 1,
        amount: price.unitAmount ?? price.minAmount ?? 1000,
      }));
      return renderReceipt({
        kind: 'payment_receipt',
        language: request.query.language ?? 'en',
        merchantName,
        testMode: me.mode === 'test',
        reference: 'pay_PREVIEW000000000000000000',
        currency: form.currency,
        total: lines.reduce((sum, line) => sum + line.amount, 0),
        items: lines,
        method: { type: 'card', brand: 'visa', last4: '4242', email: null },
        paidAt: new Date(),
      });
    },
  );
}
