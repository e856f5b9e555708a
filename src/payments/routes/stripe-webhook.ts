import { Type } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { modes, providerEvents } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/http/errors.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { loadStripeConnection, type StripeConnection } from '../../providers/stripe/load-stripe-connection.js';
import { isStripeNotFound, stripeErrorToAppError } from '../../providers/stripe/stripe-errors.js';
import { handleStripeEvent } from '../handle-stripe-event.js';

/** Stripe's default: a signature older than five minutes is refused (replay protection). */
export const webhookToleranceSeconds = 300;

const Params = Type.Object({ accountId: Type.String({ pattern: '^[0-9a-f]{32}$' }) });

/** Verifies the signature over the raw bytes with the secret of either mode's endpoint; the one that verifies gives the mode. */
async function verify(ctx: AppContext, accountId: string, raw: Buffer, signature: string | undefined) {
  if (!signature) throw new AppError('bad_request', 'Missing Stripe-Signature header.');
  for (const mode of modes) {
    const connection = await loadStripeConnection(ctx, accountId, mode);
    if (!connection) continue;
    try {
      const event = connection.client.webhooks.constructEvent(raw, signature, connection.webhookSecret, webhookToleranceSeconds) as Stripe.Event;
      return { event, mode, connection };
    } catch {
      // Not this mode's secret (or a bad signature): try the other mode.
    }
  }
  throw new AppError('bad_request', 'The Stripe signature is invalid or too old.');
}

/**
 * POST /api/webhooks/stripe/:accountId. In order: the signature over the raw body (300 s
 * tolerance) before anything else; a replayed event id is acknowledged and ignored; the payment
 * is re-read from Stripe and converged; then the event id is stored. A failure on our side answers
 * 5xx so Stripe delivers again.
 */
export async function registerStripeWebhook(app: App, ctx: AppContext) {
  await app.register(async (scope) => {
    // The signature covers the exact bytes: keep them instead of parsing JSON.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer', bodyLimit: 512 * 1024 }, (_req, body, done) => done(null, body));
    (scope as unknown as App).post(
      '/api/webhooks/stripe/:accountId',
      { config: { access: 'public', rawBody: true }, schema: { tags: ['webhooks'], params: Params } },
      async (request) => {
        const { accountId } = request.params;
        const { event, mode, connection } = await verify(ctx, accountId, request.body as Buffer, request.headers['stripe-signature'] as string | undefined);
        const seen = await withTenant(ctx.database, accountId, (tx) =>
          tx
            .select({ id: providerEvents.eventId })
            .from(providerEvents)
            .where(and(eq(providerEvents.accountId, accountId), eq(providerEvents.provider, 'stripe'), eq(providerEvents.eventId, event.id))),
        );
        if (seen.length > 0) return { received: true, duplicate: true };
        try {
          await handleStripeEvent(ctx, { accountId, mode }, connection, event);
        } catch (err) {
          // A payment this key cannot see is not ours to track: acknowledge it (otherwise Stripe retries for days).
          if (!isStripeNotFound(err)) throw err instanceof AppError ? err : stripeErrorToAppError(err, 'reading the payment');
        }
        await withTenant(ctx.database, accountId, (tx) => tx.insert(providerEvents).values({ accountId, provider: 'stripe', eventId: event.id, type: event.type }).onConflictDoNothing());
        return { received: true, duplicate: false };
      },
    );
  });
}
