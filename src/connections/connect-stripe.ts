import { and, eq } from 'drizzle-orm';
import { audit } from '../accounts/audit.js';
import { connectionContext } from '../platform/crypto/rotate-secrets.js';
import { providerConnections, type Mode } from '../platform/db/schema.js';
import { withTenant, type Tx } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { stripeClient } from '../providers/stripe/stripe-client.js';
import type { StripeCredentials, StripePublicConfig } from '../providers/stripe/stripe-connection.js';
import { stripeErrorToAppError } from '../providers/stripe/stripe-errors.js';
import { assertStripeKeysFor, stripeKeyHint } from '../providers/stripe/stripe-keys.js';
import { createStripeWebhookEndpoint, deleteStripeWebhookEndpoint, stripeWebhookUrl } from '../providers/stripe/webhook-endpoint.js';
import { connectionState } from './connection-state.js';
import type { ConnectionState } from './schemas.js';

export interface Warner {
  warn(obj: object, msg: string): void;
}

export interface ConnectStripeInput {
  accountId: string;
  /** The member connecting (null for the CLI). */
  userId: string | null;
  mode: Mode;
  secretKey: string;
  publishableKey: string;
  /** Connect to the sandbox stand-in (needs ctx.sandboxUrls) instead of api.stripe.com. */
  sandbox: boolean;
  stripeAccountId?: string | null;
  ip?: string;
  log?: Warner;
}

type Row = typeof providerConnections.$inferSelect;

const lockStripeRow = async (tx: Tx, accountId: string, mode: Mode): Promise<Row | undefined> => {
  const [row] = await tx
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.accountId, accountId), eq(providerConnections.mode, mode), eq(providerConnections.provider, 'stripe')))
    .for('update');
  return row;
};

/**
 * Connects (or reconnects) Stripe for one account and mode: checks the key pair's shape, checks
 * the secret key against Stripe, creates the webhook endpoint there, then stores the keys and the
 * endpoint's signing secret sealed. Stripe is called outside any database transaction; if the
 * write fails the new endpoint is deleted again, and a replaced connection's old endpoint is
 * deleted once the new one is stored.
 */
export async function connectStripe(ctx: AppContext, input: ConnectStripeInput): Promise<ConnectionState> {
  const { accountId, mode } = input;
  assertStripeKeysFor(mode, input);
  const client = stripeClient({ secretKey: input.secretKey, sandbox: input.sandbox }, ctx.sandboxUrls);

  // The cheapest call that proves the key works and may manage webhook endpoints (what a restricted key needs here).
  try {
    await client.webhookEndpoints.list({ limit: 1 });
  } catch (err) {
    throw stripeErrorToAppError(err, 'the secret key');
  }
  const webhookUrl = stripeWebhookUrl(ctx.config.publicUrl, accountId);
  let endpoint: Awaited<ReturnType<typeof createStripeWebhookEndpoint>>;
  try {
    endpoint = await createStripeWebhookEndpoint(client, { url: webhookUrl, accountId, mode });
  } catch (err) {
    throw stripeErrorToAppError(err, 'creating the webhook endpoint');
  }
  const undoEndpoint = () =>
    deleteStripeWebhookEndpoint(client, endpoint.id).catch((err: unknown) => input.log?.warn({ err, endpointId: endpoint.id }, 'could not delete an unused Stripe webhook endpoint'));
  if (endpoint.livemode !== (mode === 'live')) {
    await undoEndpoint();
    throw new AppError('unprocessable', `Stripe answered in ${endpoint.livemode ? 'live' : 'test'} mode for a ${mode}-mode key.`);
  }

  const credentials: StripeCredentials = { secretKey: input.secretKey, webhookSecret: endpoint.secret };
  const publicConfig: StripePublicConfig = {
    publishableKey: input.publishableKey,
    webhookEndpointId: endpoint.id,
    webhookUrl,
    stripeAccountId: input.stripeAccountId ?? null,
    livemode: endpoint.livemode,
  };
  const values = {
    status: 'connected',
    sandbox: input.sandbox,
    credentials: ctx.secretBox.seal(JSON.stringify(credentials), connectionContext({ accountId, mode, provider: 'stripe' })),
    keyId: ctx.secretBox.activeKeyId,
    hint: stripeKeyHint(input.secretKey),
    publicConfig: publicConfig as unknown as Record<string, unknown>,
  };

  let stored: { row: Row; replaced: Row | undefined };
  try {
    stored = await withTenant(ctx.database, accountId, async (tx) => {
      let replaced = await lockStripeRow(tx, accountId, mode);
      let row: Row | undefined;
      if (!replaced) {
        [row] = await tx
          .insert(providerConnections)
          .values({ accountId, mode, provider: 'stripe', ...values })
          .onConflictDoNothing()
          .returning();
        // A concurrent connect inserted first: replace its row like any other.
        if (!row) replaced = await lockStripeRow(tx, accountId, mode);
      }
      if (replaced) {
        [row] = await tx
          .update(providerConnections)
          .set({ ...values, updatedAt: new Date() })
          .where(and(eq(providerConnections.id, replaced.id), eq(providerConnections.accountId, accountId)))
          .returning();
      }
      await audit(tx, {
        accountId,
        userId: input.userId,
        action: 'connection.created',
        target: `stripe:${mode}`,
        metadata: { provider: 'stripe', mode, sandbox: input.sandbox, hint: values.hint, webhookEndpointId: endpoint.id, replaced: replaced !== undefined },
        ip: input.ip,
      });
      return { row: row!, replaced };
    });
  } catch (err) {
    await undoEndpoint();
    throw err;
  }

  if (stored.replaced) await removeReplacedEndpoint(ctx, stored.replaced, input.log);
  return connectionState(stored.row);
}

/** Best effort: the new connection is stored; an old endpoint that cannot be deleted only costs failed deliveries. */
async function removeReplacedEndpoint(ctx: AppContext, old: Row, log?: Warner) {
  const config = old.publicConfig as unknown as Partial<StripePublicConfig>;
  if (!config.webhookEndpointId || (old.sandbox && !ctx.sandboxUrls)) return;
  try {
    const credentials = JSON.parse(ctx.secretBox.open(old.credentials, connectionContext(old))) as StripeCredentials;
    await deleteStripeWebhookEndpoint(stripeClient({ secretKey: credentials.secretKey, sandbox: old.sandbox }, ctx.sandboxUrls), config.webhookEndpointId);
  } catch (err) {
    log?.warn({ err, endpointId: config.webhookEndpointId }, 'could not delete the replaced Stripe webhook endpoint');
  }
}
