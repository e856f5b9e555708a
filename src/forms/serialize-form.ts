import type { Static } from '@sinclair/typebox';
import { serializePrice, serializeProduct, type PriceRow, type ProductRow } from '../catalog/serialize.js';
import type { paymentForms } from '../platform/db/schema.js';
import type { FormSchema } from './schemas.js';

export type FormRow = typeof paymentForms.$inferSelect;
export interface FormItemRows {
  price: PriceRow;
  product: ProductRow;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The embed snippet of DESIGN.md: `<script src="{PUBLIC_URL}/widget.js" data-account="…" data-form="…" async></script>`. */
export function embedCode(publicUrl: string, accountId: string, formId: string): string {
  return `<script src="${escapeAttribute(publicUrl)}/widget.js" data-account="${accountId}" data-form="${formId}" async></script>`;
}

/** The standalone checkout for a page without a HubSpot form: the widget renders into the div. */
export function standaloneCode(publicUrl: string, accountId: string, formId: string): string {
  return `<div data-onepagepay-form data-account="${accountId}" data-form="${formId}"></div>\n<script src="${escapeAttribute(publicUrl)}/widget.js" async></script>`;
}

/** The hosted payment page: `{PUBLIC_URL}/pay/{accountId}/{formId}`. */
export function hostedUrl(publicUrl: string, accountId: string, formId: string): string {
  return `${publicUrl}/pay/${accountId}/${formId}`;
}

export function serializeForm(row: FormRow, items: FormItemRows[], publicUrl: string): Static<typeof FormSchema> {
  return {
    id: row.id,
    object: 'payment_form' as const,
    mode: row.mode,
    name: row.name,
    selection: row.selection,
    currency: row.currency,
    items: items.map(({ price, product }) => ({
      priceId: price.id,
      available: !price.archived && !product.archived,
      price: serializePrice(price),
      product: serializeProduct(product),
    })),
    hubspot: { portalId: row.hubspotPortalId, formId: row.hubspotFormId },
    successMessage: row.successMessage,
    redirectUrl: row.redirectUrl,
    allowedDomains: row.allowedDomains,
    providers: row.providers,
    sendReceipts: row.sendReceipts,
    sync: { dealPipeline: row.dealPipeline, dealStage: row.dealStage, refundStage: row.refundStage, syncFailedPayments: row.syncFailedPayments },
    archived: row.archived,
    embedCode: embedCode(publicUrl, row.accountId, row.id),
    standaloneCode: standaloneCode(publicUrl, row.accountId, row.id),
    hostedUrl: hostedUrl(publicUrl, row.accountId, row.id),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
