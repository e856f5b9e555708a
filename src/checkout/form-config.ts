import type { Static } from '@sinclair/typebox';
import { paymentProviders } from '../platform/db/schema.js';
import type { AppContext } from '../platform/http/types.js';
import { paymentProvider } from '../providers/payment-providers.js';
import type { FormConfigSchema } from './schemas.js';
import { originAllowed, type PublicForm } from './load-public-form.js';

/** The providers the form can take payments with now: offered by the form, connected in its mode, and registered on this server. */
export const usableProviders = (loaded: PublicForm) =>
  paymentProviders.filter((provider) => loaded.form.providers.includes(provider) && loaded.connections[provider] && paymentProvider(provider));

/** Why the form cannot take a payment now, in words for the buyer; null when it can. */
export function unavailableReason(loaded: PublicForm, origin: string | undefined): string | null {
  if (loaded.form.archived) return 'This payment form is no longer available.';
  if (!originAllowed(loaded.form, origin)) return 'This payment form cannot be used on this website.';
  if (loaded.onSale.length === 0) return 'Nothing is for sale on this form right now.';
  if (usableProviders(loaded).length === 0) return 'This merchant cannot take payments yet.';
  return null;
}

/** The public view of a form (docs/public-api.md): what the widget needs and nothing more; `offered` are the providers the buyer may use now. */
export function formConfig(
  ctx: AppContext,
  loaded: PublicForm,
  availability: { available: boolean; message: string | null },
  offered: readonly (typeof paymentProviders)[number][],
): Static<typeof FormConfigSchema> {
  const { form, onSale } = loaded;
  const browser = (provider: (typeof paymentProviders)[number]) => {
    const row = loaded.connections[provider];
    return row && offered.includes(provider) ? paymentProvider(provider)!.browserConfig(ctx, row) : null;
  };
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
    providers: Object.fromEntries(paymentProviders.map((provider) => [provider, browser(provider)])) as Static<typeof FormConfigSchema>['providers'],
    available: availability.available,
    message: availability.message,
  };
}
