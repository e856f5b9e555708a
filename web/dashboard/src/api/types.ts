/** Shapes of the private API's answers (docs/api.md); the server's TypeBox schemas are the source. */

export type Mode = 'test' | 'live';
export type Role = 'owner' | 'admin' | 'viewer';

export interface Me {
  user: { id: string; email: string; name: string };
  account: { id: string; name: string };
  role: Role;
  mode: Mode;
  accounts: Array<{ id: string; name: string; role: Role }>;
}

export type SignedIn = Me & { csrfToken: string };
export type SignInNext = { next: 'sign_in'; email: string };

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface Product {
  id: string;
  object: 'product';
  mode: Mode;
  name: string;
  description: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Price {
  id: string;
  object: 'price';
  mode: Mode;
  productId: string;
  nickname: string;
  type: 'fixed' | 'custom';
  currency: string;
  unitAmount: number | null;
  maxQuantity: number;
  minAmount: number | null;
  maxAmount: number | null;
  display: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export type Selection = 'fixed' | 'pick_one' | 'pick_many';

export interface FormSync {
  dealPipeline: string | null;
  dealStage: string | null;
  refundStage: string | null;
  syncFailedPayments: boolean;
}

export interface PaymentForm {
  id: string;
  object: 'payment_form';
  mode: Mode;
  name: string;
  selection: Selection;
  currency: string;
  items: Array<{ priceId: string; available: boolean; price: Price; product: Product }>;
  hubspot: { portalId: string | null; formId: string | null };
  successMessage: string | null;
  redirectUrl: string | null;
  allowedDomains: string[];
  sync: FormSync;
  archived: boolean;
  embedCode: string;
  hostedUrl: string;
  createdAt: string;
  updatedAt: string;
}

/** The create body of a payment form (PATCH takes any subset). */
export interface FormInput {
  name: string;
  items: Array<{ priceId: string }>;
  selection: Selection;
  currency?: string;
  hubspot: { portalId: string | null; formId: string | null };
  successMessage: string | null;
  redirectUrl: string | null;
  allowedDomains: string[];
  sync: Partial<FormSync>;
}

export type Provider = 'stripe' | 'hubspot' | 'paypal';

export interface Connection {
  provider: Provider;
  mode: Mode;
  connected: boolean;
  sandbox: boolean;
  hint: string | null;
  publishableKey: string | null;
  /** The connected HubSpot account (HubSpot connections only). */
  hubspot: { portalId: string; hubDomain: string | null; authType: 'private_app' | 'oauth' } | null;
  createdAt: string | null;
  updatedAt: string | null;
}

/** A deal pipeline of the connected HubSpot portal, stages in HubSpot's order. */
export interface DealPipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: DealStage[];
}

export interface DealStage {
  id: string;
  label: string;
  displayOrder: number;
  /** Won or lost (HubSpot's metadata.isClosed). */
  closed: boolean;
  probability: number | null;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export interface Invite {
  id: string;
  email: string;
  role: 'admin' | 'viewer';
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  inviteUrl?: string;
}

export interface AuditEntry {
  id: number;
  action: string;
  actor: string | null;
  target: string | null;
  metadata: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
}

export interface SandboxUrls {
  stripe: string;
  hubspot: string;
  paypal: string;
}

export type HealthStatus = 'up' | 'down' | 'unknown';

export interface ConnectionHealth {
  provider: Provider;
  mode: Mode;
  status: HealthStatus;
  reason: string;
  detail: string | null;
  latencyMs: number | null;
  checkedAt: string | null;
  since: string | null;
  stale: boolean;
}

export interface Reachability {
  provider: Provider;
  target: string;
  status: HealthStatus;
  reason: string;
  latencyMs: number | null;
  checkedAt: string | null;
  since: string | null;
  stale: boolean;
}

export interface ProviderHealth {
  data: ConnectionHealth[];
  reachability: Reachability[];
  intervalSeconds: number;
}

export interface HealthPeriod {
  id: string;
  status: HealthStatus;
  reason: string;
  detail: string | null;
  startedAt: string;
  endedAt: string | null;
}

export type TransactionStatus = 'pending' | 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'canceled' | 'partially_refunded' | 'refunded';

export interface TransactionItem {
  position: number;
  priceId: string;
  productId: string;
  productName: string;
  nickname: string;
  quantity: number;
  unitAmount: number;
  amount: number;
}

export interface Transaction {
  id: string;
  object: 'transaction';
  mode: Mode;
  status: TransactionStatus;
  provider: 'stripe' | 'paypal';
  amount: number;
  amountRefunded: number;
  netAmount: number;
  currency: string;
  description: string;
  items: TransactionItem[];
  contact: { id: string; email: string; firstName: string; lastName: string };
  formId: string;
  failureCode: string | null;
  failureMessage: string | null;
  createdAt: string;
  updatedAt: string;
  succeededAt: string | null;
}

export interface CurrencyTotals {
  currency: string;
  count: number;
  paidCount: number;
  amount: number;
  refunded: number;
  net: number;
}

export interface Totals {
  count: number;
  currencies: CurrencyTotals[];
}

export interface TransactionPage {
  data: Transaction[];
  nextCursor: string | null;
  totals: Totals;
}

export interface Refund {
  id: string;
  object: 'refund';
  mode: Mode;
  transactionId: string;
  amount: number;
  currency: string;
  status: string;
  reason: string | null;
  failureReason: string | null;
  stripeRefundId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Contact {
  id: string;
  object: 'contact';
  mode: Mode;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  paymentsCount: number;
  lifetimeValue: Record<string, number>;
  firstPurchaseAt: string | null;
  lastPurchaseAt: string | null;
  stripeCustomerId: string | null;
  hubspotContactId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The HubSpot side of a payment (the sync's own view, with polling, is GET /api/v1/sync/transactions/{id}). */
export interface TransactionHubSpot {
  contactId: string | null;
  dealId: string | null;
  sync: Pick<SyncStatus, 'state' | 'attempts' | 'error' | 'nextAttemptAt' | 'failedAt' | 'syncedAt'>;
}

export type TransactionDetail = Omit<Transaction, 'contact'> & {
  contact: Contact;
  refunds: Refund[];
  refundable: number;
  stripe: { paymentIntentId: string | null; chargeId: string | null; customerId: string | null; dashboardUrl: string | null };
  hubspot: TransactionHubSpot;
  hubspotFields: Record<string, string>;
};

export type ContactDetail = Contact & { transactions: TransactionPage };

export interface RevenueSummary {
  interval: 'day' | 'week' | 'month';
  timezone: string;
  from: string;
  to: string;
  currencies: string[];
  buckets: Array<{ start: string; currencies: CurrencyTotals[] }>;
}

export type SyncState = 'synced' | 'pending' | 'retrying' | 'failed' | 'skipped' | 'not_applicable';

export interface SyncStatus {
  object: 'hubspot_sync';
  transactionId: string;
  transactionStatus: TransactionStatus;
  email: string;
  amount: number;
  currency: string;
  transactionCreatedAt: string;
  state: SyncState;
  attempts: number;
  error: { code: string; message: string } | null;
  failingSince: string | null;
  nextAttemptAt: string | null;
  failedAt: string | null;
  syncedAt: string | null;
  hubspot: { contactId: string | null; dealId: string | null };
}
