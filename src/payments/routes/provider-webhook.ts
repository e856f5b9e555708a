import { Type } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import { providerEvents } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenant.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { ProviderError, providerErrorToAppError } from '../../providers/payment-provider.js';
import { paymentProvider } from '../../providers/payment-providers.js';
import { handleProviderEvent } from '../handle-provider-event.js';
import { recordTimeline } from '../timeline.js';

const Params = Type.Object({
  provider: Type.String({ pattern: '^[a-z]{1,20}$', description: 'stripe (the URL registered at Stripe before PayPal came is this one) or paypal' }),
  accountId: Type.String({ pattern: '^[0-9a-f]{32}$' }),
});

/**
 * POST /api/webhooks/:provider/:accountId. In order: the provider's signature over the raw body
 * before anything else (a bad one is a 400); a replayed event id is acknowledged and ignored; the
 * payment is re-read from the provider and converged; then the event id is stored. A failure on
 * our side answers 5xx so the provider delivers again.
 */
export async function registerProviderWebhook(app: App, ctx: AppContext) {
  await app.register(async (scope) => {
    // Signatures cover the exact bytes: keep them instead of parsing JSON.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer', bodyLimit: 512 * 1024 }, (_req, body, done) => done(null, body));
    (scope as unknown as App).post(
      '/api/webhooks/:provider/:accountId',
      { config: { access: 'public', rawBody: true }, schema: { tags: ['webhooks'], params: Params } },
      async (request) => {
        const { accountId } = request.params;
        const adapter = paymentProvider(request.params.provider);
        if (!adapter) throw notFound('Payment provider');
        const provider = adapter.name;
        const verified = await adapter.verifyWebhook(ctx, accountId, { body: request.body as Buffer, headers: request.headers }).catch((err: unknown) => {
          throw err instanceof ProviderError && err.kind === 'refused' ? new AppError('bad_request', err.message) : providerErrorToAppError(err, 'checking the webhook');
        });
        const { event, connection } = verified;
        const seen = await withTenant(ctx.database, accountId, (tx) =>
          tx
            .select({ id: providerEvents.eventId })
            .from(providerEvents)
            .where(and(eq(providerEvents.accountId, accountId), eq(providerEvents.provider, provider), eq(providerEvents.eventId, event.id))),
        );
        if (seen.length > 0) return { received: true, duplicate: true };
        let transactionId: string | null = null;
        try {
          transactionId = await handleProviderEvent(ctx, { accountId, mode: connection.mode }, connection, event);
        } catch (err) {
          // A payment these credentials cannot see is not ours to track: acknowledge it (otherwise the provider retries for days).
          if (!(err instanceof ProviderError && err.kind === 'not_found')) throw providerErrorToAppError(err, 'reading the payment');
        }
        await withTenant(ctx.database, accountId, async (tx) => {
          const [first] = await tx.insert(providerEvents).values({ accountId, provider, eventId: event.id, type: event.type }).onConflictDoNothing().returning();
          if (first && transactionId) await recordTimeline(tx, { accountId, mode: connection.mode, transactionId }, { kind: 'webhook', provider, type: event.type, eventId: event.id });
        });
        return { received: true, duplicate: false };
      },
    );
  });
}
