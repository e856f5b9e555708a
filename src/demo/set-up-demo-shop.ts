import { connectionChecks } from '../monitor/provider-checks.js';
import { loadHubSpotConnection } from '../providers/hubspot/load-hubspot-connection.js';
import { and, asc, eq } from 'drizzle-orm';
import { createPrice } from '../catalog/create-price.js';
import { createProduct } from '../catalog/create-product.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { connectSandboxHubSpot } from '../connections/connect-sandbox-hubspot.js';
import { connectSandboxPaymentProvider } from '../connections/connect-payment-provider.js';
import { createForm } from '../forms/create-form.js';
import { updateForm } from '../forms/update-form.js';
import { paymentForms, paymentProviders } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import { paymentProvider } from '../providers/payment-providers.js';
import type { AppContext } from '../platform/http/types.js';
import { createDemoHubSpotForm } from './demo-hubspot-form.js';

export interface DemoShop {
  accountId: string;
  formId: string;
  hubspotPortalId: string;
  hubspotFormId: string;
  /** The stand-in portal's private-app token (a sandbox value, printed for scripts; never a real secret). */
  hubspotAccessToken: string;
  /** A HubSpot-like landing page with the HubSpot form and the widget, ready for a test card. */
  demoUrl: string;
}

export const demoFormName = 'OnePagePay demo shop';

/** The demo landing page of the HubSpot stand-in, embedding the widget on this form. */
export function demoPageUrl(ctx: AppContext, shop: Pick<DemoShop, 'accountId' | 'formId' | 'hubspotPortalId' | 'hubspotFormId'>): string {
  const query = new URLSearchParams({
    portalId: shop.hubspotPortalId,
    formId: shop.hubspotFormId,
    widget: `${ctx.config.publicUrl}/widget.js`,
    account: shop.accountId,
    form: shop.formId,
    title: 'OnePagePay demo shop',
  });
  return `${ctx.sandboxUrls!.hubspot}/demo?${query}`;
}

/** Connects the account's test mode to fresh sandbox Stripe and HubSpot accounts and makes a HubSpot form there. */
async function connectDemoProviders(ctx: AppContext, accountId: string, userId: string | null) {
  if (!ctx.sandboxUrls) throw new AppError('bad_request', 'The demo shop needs the server in sandbox mode (SANDBOX=1).');
  for (const provider of paymentProviders) {
    const adapter = paymentProvider(provider);
    if (adapter) await connectSandboxPaymentProvider(ctx, adapter, { accountId, userId, mode: 'test' });
  }
  const hubspot = await connectSandboxHubSpot(ctx, { accountId, userId, mode: 'test' });
  const hubspotFormId = await createDemoHubSpotForm(ctx.sandboxUrls.hubspot, hubspot.portalId);
  return { hubspotPortalId: hubspot.portalId, hubspotFormId, hubspotAccessToken: hubspot.accessToken };
}

/**
 * A ready demo in the account's test mode: sandbox Stripe and HubSpot connected, three products
 * (a T-shirt with a quantity, stickers, a custom-amount tip) and a payment form bound to a HubSpot
 * form. What `create-account --sandbox` and the first `npm start` set up.
 */
export async function setUpDemoShop(ctx: AppContext, input: { accountId: string; userId: string | null }): Promise<DemoShop> {
  const providers = await connectDemoProviders(ctx, input.accountId, input.userId);
  const scope: Scope = { accountId: input.accountId, mode: 'test' };
  const { form } = await withTenant(ctx.database, input.accountId, async (tx) => {
    const shirt = await createProduct(tx, scope, { name: 'OnePagePay T-shirt', description: 'Organic cotton, printed in the sandbox.' });
    const shirtPrice = await createPrice(tx, scope, { productId: shirt.id, type: 'fixed', currency: 'usd', unitAmount: 2500, maxQuantity: 5 });
    const stickers = await createProduct(tx, scope, { name: 'Sticker pack', description: 'Five stickers.' });
    const stickerPrice = await createPrice(tx, scope, { productId: stickers.id, type: 'fixed', currency: 'usd', unitAmount: 800 });
    const tip = await createProduct(tx, scope, { name: 'Tip the team' });
    const tipPrice = await createPrice(tx, scope, { productId: tip.id, type: 'custom', currency: 'usd', minAmount: 200, maxAmount: 50_000 });
    return createForm(tx, scope, {
      name: demoFormName,
      selection: 'pick_many',
      items: [{ priceId: shirtPrice.id }, { priceId: stickerPrice.id }, { priceId: tipPrice.id }],
      hubspot: { portalId: providers.hubspotPortalId, formId: providers.hubspotFormId },
      successMessage: 'Thank you! Your order is confirmed.',
    });
  });
  const shop = { accountId: input.accountId, formId: form.id, ...providers };
  return { ...shop, demoUrl: demoPageUrl(ctx, shop) };
}

/**
 * On a later start: the stand-ins keep their data in DATA_DIR (serve's sandbox-state.json), so the
 * demo shop's connections usually still work, and are kept (its payments stay refundable). When
 * they do not (the state was moved aside, or the stand-ins run elsewhere), this connects fresh ones
 * and rebinds the demo form to the new HubSpot form. Returns null when the account has no demo form.
 */
export async function refreshDemoShop(ctx: AppContext, accountId: string): Promise<DemoShop | null> {
  const scope: Scope = { accountId, mode: 'test' };
  const [form] = await withTenant(ctx.database, accountId, (tx) =>
    tx
      .select({ id: paymentForms.id, hubspotPortalId: paymentForms.hubspotPortalId, hubspotFormId: paymentForms.hubspotFormId })
      .from(paymentForms)
      .where(and(eq(paymentForms.accountId, accountId), eq(paymentForms.mode, 'test'), eq(paymentForms.name, demoFormName)))
      .orderBy(asc(paymentForms.createdAt))
      .limit(1),
  );
  if (!form) return null;
  const kept = await workingDemoConnections(ctx, accountId, form);
  const providers = kept ?? (await connectDemoProviders(ctx, accountId, null));
  if (!kept) await withTenant(ctx.database, accountId, (tx) => updateForm(tx, scope, form.id, { hubspot: { portalId: providers.hubspotPortalId, formId: providers.hubspotFormId } }));
  const shop = { accountId, formId: form.id, ...providers };
  return { ...shop, demoUrl: demoPageUrl(ctx, shop) };
}

/** The demo shop's HubSpot binding when every one of its test-mode connections still answers at the stand-ins, else null. */
async function workingDemoConnections(ctx: AppContext, accountId: string, form: { hubspotPortalId: string | null; hubspotFormId: string | null }) {
  if (!form.hubspotPortalId || !form.hubspotFormId) return null;
  const scope = { accountId, mode: 'test' as const };
  for (const check of Object.values(connectionChecks)) {
    if ((await check(ctx, scope, 5000)).status !== 'up') return null;
  }
  const hubspot = await loadHubSpotConnection(ctx, accountId, 'test');
  if (!hubspot || hubspot.portalId !== form.hubspotPortalId) return null;
  return { hubspotPortalId: form.hubspotPortalId, hubspotFormId: form.hubspotFormId, hubspotAccessToken: hubspot.accessToken };
}
