import type { Mode } from '../platform/db/schema.js';
import type { AppContext } from '../platform/http/types.js';
import { loadStripeConnection, type StripeConnection } from '../providers/stripe/load-stripe-connection.js';

/**
 * Stripe connections loaded once per background run, by account and mode. A connection that
 * cannot be used (disconnected, a sandbox connection on a server not in sandbox mode, Stripe
 * unreachable during this run) is skipped for the rest of the run.
 */
export class StripeConnections {
  private readonly loaded = new Map<string, Promise<StripeConnection | null>>();
  private readonly down = new Set<string>();

  constructor(private readonly ctx: AppContext) {}

  private key = (accountId: string, mode: Mode) => `${accountId}:${mode}`;

  async get(accountId: string, mode: Mode): Promise<StripeConnection | null> {
    const key = this.key(accountId, mode);
    if (this.down.has(key)) return null;
    if (!this.loaded.has(key)) this.loaded.set(key, loadStripeConnection(this.ctx, accountId, mode).catch(() => null));
    return this.loaded.get(key)!;
  }

  markDown(accountId: string, mode: Mode) {
    this.down.add(this.key(accountId, mode));
  }
}
