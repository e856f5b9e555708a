import type { Static } from '@sinclair/typebox';
import type { AppContext } from '../platform/http/types.js';
import type { FormConfigSchema } from './schemas.js';
import { originAllowed, type PublicForm } from './load-public-form.js';

/** Where Stripe.js is loaded from: Stripe's CDN, or the stand-in for a sandbox connection. */
export function stripeJsUrl(ctx: AppContext, sandbox: boolean): string {
  return sandbox && ctx.sandboxUrls ? `${ctx.sandboxUrls.stripe}/v3/` : 'https://js.stripe.com/v3/';
}

/** Why the form cannot take a payment now, in words for the buyer; null when it can. */
export function unavailableReason(loaded: PublicForm, origin: string | undefined): string | null {
  if (loaded.form.archived) return 'This payment form is no longer available.';
  if (!originAllowed(loaded.form, origin)) return 'This payment form cannot be used on this website.';
  if (loaded.onSale.length === 0) return 'Nothing is for sale on this form right now.';
  if (!loaded.stripeConnection) return 'This merchant cannot take card payments yet.';
  return null;
}

/** The public view of a form (docs/public-api.md): what the widget needs and nothing more. */
export function formConfig(ctx: AppContext, loaded: PublicForm, availability: { available: boolean; message: string | null }): Static<typeof FormConfigSchema> {
  const { form, onSale, stripeConnection: stripe } = loaded;
  return {
    object: 'form_config' as const,
    accountId: form.accountId,
    formId: form.id,
    mode: form.mode,
    name: form.name,
    currency: form.currency,
    selection: form.selection,
    items: onSale.map(({ price, product }) => ({
      priceId: price.id,
      productName: product.name,
      description: product.description,
      nickname: price.nickname,
      type: price.type,
      unitAmount: price.unitAmount,
      maxQuantity: price.maxQuantity,
      minAmount: price.minAmount,
      maxAmount: price.maxAmount,
    })),
    hubspot: form.hubspotPortalId && form.hubspotFormId ? { portalId: form.hubspotPortalId, formId: form.hubspotFormId } : null,
    successMessage: form.successMessage,
    redirectUrl: form.redirectUrl,
    providers: {
      stripe: stripe ? { publishableKey: String(stripe.publicConfig.publishableKey), jsUrl: stripeJsUrl(ctx, stripe.sandbox) } : null,
      paypal: null,
    },
    available: availability.available,
    message: availability.message,
  };
}
