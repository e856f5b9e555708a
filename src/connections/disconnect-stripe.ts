import { and, eq } from 'drizzle-orm';
import { audit } from '../accounts/audit.js';
import { connectionContext } from '../platform/crypto/rotate-secrets.js';
import { providerConnections, type Mode } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { stripeClient } from '../providers/stripe/stripe-client.js';
import type { StripeCredentials, StripePublicConfig } from '../providers/stripe/stripe-connection.js';
import { isStripeKeyRefused, stripeErrorToAppError } from '../providers/stripe/stripe-errors.js';
import { deleteStripeWebhookEndpoint } from '../providers/stripe/webhook-endpoint.js';
import type { Warner } from './connect-stripe.js';

/**
 * Disconnects Stripe for one account and mode: deletes the webhook endpoint at Stripe (one
 * already gone, or a key Stripe no longer accepts, does not block), then the stored connection.
 * If Stripe cannot be reached the connection stays, so the merchant can retry. Returns whether
 * there was a connection.
 */
export async function disconnectStripe(ctx: AppContext, input: { accountId: string; userId: string | null; mode: Mode; ip?: string; log?: Warner }): Promise<boolean> {
  const { accountId, mode } = input;
  const where = and(eq(providerConnections.accountId, accountId), eq(providerConnections.mode, mode), eq(providerConnections.provider, 'stripe'));
  const [row] = await withTenant(ctx.database, accountId, (tx) => tx.select().from(providerConnections).where(where).limit(1));
  if (!row) return false;

  const config = row.publicConfig as unknown as Partial<StripePublicConfig>;
  // A sandbox connection on a server no longer in sandbox mode has no stand-in left to clean up.
  if (config.webhookEndpointId && !(row.sandbox && !ctx.sandboxUrls)) {
    const credentials = JSON.parse(ctx.secretBox.open(row.credentials, connectionContext(row))) as StripeCredentials;
    try {
      await deleteStripeWebhookEndpoint(stripeClient({ secretKey: credentials.secretKey, sandbox: row.sandbox }, ctx.sandboxUrls), config.webhookEndpointId);
    } catch (err) {
      if (!isStripeKeyRefused(err)) throw stripeErrorToAppError(err, 'removing the webhook endpoint');
      input.log?.warn({ endpointId: config.webhookEndpointId }, 'Stripe no longer accepts the key; its webhook endpoint was left at Stripe');
    }
  }

  await withTenant(ctx.database, accountId, async (tx) => {
    // Only the connection whose endpoint was just removed: a reconnect in between keeps its new one.
    const deleted = await tx
      .delete(providerConnections)
      .where(and(where, eq(providerConnections.id, row.id), eq(providerConnections.credentials, row.credentials)))
      .returning({ id: providerConnections.id });
    if (deleted.length === 0) throw new AppError('conflict', 'The Stripe connection changed while it was being removed. Please try again.');
    await audit(tx, {
      accountId,
      userId: input.userId,
      action: 'connection.removed',
      target: `stripe:${mode}`,
      metadata: { provider: 'stripe', mode, sandbox: row.sandbox, hint: row.hint, webhookEndpointId: config.webhookEndpointId ?? null },
      ip: input.ip,
    });
  });
  return true;
}
