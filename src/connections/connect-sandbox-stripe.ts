import type { Mode } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { stripeTimeoutMs } from '../providers/stripe/stripe-client.js';
import { connectStripe, type Warner } from './connect-stripe.js';
import type { ConnectionState } from './schemas.js';

interface MintedAccount {
  accountId: string;
  test: { secretKey: string; publishableKey: string };
  live: { secretKey: string; publishableKey: string };
}

/** Mints a fresh account at the Stripe stand-in (`POST /__sandbox/stripe/accounts`). */
async function mintSandboxStripeAccount(stripeUrl: string): Promise<MintedAccount> {
  let res: Response;
  try {
    res = await fetch(`${stripeUrl}/__sandbox/stripe/accounts`, { method: 'POST', redirect: 'error', signal: AbortSignal.timeout(stripeTimeoutMs) });
  } catch {
    throw new AppError('provider_unavailable', 'The sandbox Stripe could not be reached. Please try again in a moment.');
  }
  if (res.status !== 201) throw new AppError('provider_unavailable', `The sandbox Stripe could not create an account (HTTP ${res.status}).`);
  return (await res.json()) as MintedAccount;
}

/**
 * The one-step sandbox connection: mints a sandbox Stripe account at the stand-in and connects
 * it like typed keys would be (key check, webhook endpoint, sealed storage). Sandbox mode only.
 */
export async function connectSandboxStripe(
  ctx: AppContext,
  input: { accountId: string; userId: string | null; mode: Mode; ip?: string; log?: Warner },
): Promise<ConnectionState> {
  if (!ctx.sandboxUrls) {
    throw new AppError('bad_request', 'The Stripe sandbox is only available when the server runs in sandbox mode (SANDBOX=1). Connect Stripe with your own keys instead.');
  }
  const minted = await mintSandboxStripeAccount(ctx.sandboxUrls.stripe);
  const keys = minted[input.mode];
  return connectStripe(ctx, { ...input, ...keys, sandbox: true, stripeAccountId: minted.accountId });
}
