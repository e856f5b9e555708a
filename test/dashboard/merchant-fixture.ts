import type { App } from '../../src/platform/http/types.js';
import { TestClient, uniqueEmail } from '../helpers/harness.js';

export interface MerchantFixture {
  owner: TestClient;
  ownerEmail: string;
  accountId: string;
  productId: string;
  priceId: string;
  formId: string;
}

async function ok<T>(res: Promise<{ statusCode: number; body: string; json(): unknown }>, expected = [200, 201]): Promise<T> {
  const r = await res;
  if (!expected.includes(r.statusCode)) throw new Error(`fixture call failed: ${r.statusCode} ${r.body}`);
  return r.json() as T;
}

/** A merchant set up through the API: sandbox Stripe in test mode, one product with a price, one form. */
export async function createMerchant(app: App, origin: string, label = 'merchant'): Promise<MerchantFixture> {
  const owner = new TestClient(app);
  owner.origin = origin;
  const ownerEmail = uniqueEmail(label);
  const signed = await owner.signup(ownerEmail, 'correct horse battery', { name: 'Olive Owner', accountName: 'Olive Yoga' });
  await ok(owner.request('POST', '/api/v1/connections/stripe/test/sandbox', {}));
  const product = await ok<{ id: string }>(owner.request('POST', '/api/v1/products', { name: 'Yoga class', description: 'Sixty minutes' }));
  const price = await ok<{ id: string }>(owner.request('POST', '/api/v1/prices', { productId: product.id, type: 'fixed', currency: 'usd', unitAmount: 2500, maxQuantity: 3 }));
  const form = await ok<{ id: string }>(owner.request('POST', '/api/v1/forms', { name: 'Class pass', items: [{ priceId: price.id }], selection: 'fixed' }));
  return { owner, ownerEmail, accountId: signed.account.id, productId: product.id, priceId: price.id, formId: form.id };
}

/** A viewer of the merchant's account, joined through a real invite link. */
export async function addViewer(app: App, merchant: MerchantFixture): Promise<{ email: string }> {
  const email = uniqueEmail('viewer');
  const invite = await ok<{ inviteUrl: string }>(merchant.owner.request('POST', '/api/v1/invites', { email, role: 'viewer' }));
  const viewer = new TestClient(app);
  viewer.origin = merchant.owner.origin;
  await viewer.fetchCsrf();
  await ok(viewer.request('POST', '/api/v1/auth/accept-invite', { token: new URL(invite.inviteUrl).hash.slice(1), password: 'correct horse battery', name: 'Vera Viewer' }), [202]);
  return { email };
}
