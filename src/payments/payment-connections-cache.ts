import type { Mode, PaymentProvider } from '../platform/db/schema.js';
import type { AppContext } from '../platform/http/types.js';
import type { PaymentConnection } from '../providers/payment-provider.js';
import { loadPaymentConnection } from '../providers/payment-providers.js';

export interface ConnectionScope {
  accountId: string;
  mode: Mode;
  provider: PaymentProvider;
}

/**
 * Payment-provider connections loaded once per background run, by account, mode and provider. A
 * connection that cannot be used (disconnected, a sandbox connection on a server not in sandbox
 * mode, the provider unreachable during this run) is skipped for the rest of the run.
 */
export class PaymentConnections {
  private readonly loaded = new Map<string, Promise<PaymentConnection | null>>();
  private readonly down = new Set<string>();

  constructor(private readonly ctx: AppContext) {}

  private key = (scope: ConnectionScope) => `${scope.accountId}:${scope.mode}:${scope.provider}`;

  async get(scope: ConnectionScope): Promise<PaymentConnection | null> {
    const key = this.key(scope);
    if (this.down.has(key)) return null;
    if (!this.loaded.has(key)) this.loaded.set(key, loadPaymentConnection(this.ctx, scope.accountId, scope.mode, scope.provider).catch(() => null));
    return this.loaded.get(key)!;
  }

  markDown(scope: ConnectionScope) {
    this.down.add(this.key(scope));
  }
}
