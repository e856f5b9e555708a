import { bigint, bigserial, boolean, jsonb, pgTable, primaryKey, text, timestamp, uuid, integer } from 'drizzle-orm/pg-core';

// Mirrors migrations/*.sql (the migrations are the source of truth; this is the typed view).

export const roles = ['owner', 'admin', 'viewer'] as const;
export type Role = (typeof roles)[number];
export const modes = ['test', 'live'] as const;
export type Mode = (typeof modes)[number];

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const accounts = pgTable('accounts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  name: text('name').notNull().default(''),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    accountId: text('account_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role', { enum: roles }).notNull(),
    /** Emails this member chose to get about this account (src/notifications/). */
    notifyDailySummary: boolean('notify_daily_summary').notNull().default(false),
    notifySyncFailures: boolean('notify_sync_failures').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userId] })],
);

/** "Forgot password" links (migrations/0016): the token's hash only, single use, expiring. */
export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: uuid('user_id'),
  accountId: text('account_id'),
  mode: text('mode', { enum: modes }).notNull().default('test'),
  csrfToken: text('csrf_token').notNull(),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const invites = pgTable('invites', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: text('account_id').notNull(),
  email: text('email').notNull(),
  role: text('role', { enum: ['admin', 'viewer'] }).notNull(),
  tokenHash: text('token_hash').notNull(),
  invitedBy: uuid('invited_by'),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
});

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: text('account_id').notNull(),
  userId: uuid('user_id'),
  action: text('action').notNull(),
  target: text('target'),
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  ip: text('ip'),
  createdAt: createdAt(),
});

export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

export const providerConnections = pgTable('provider_connections', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: text('account_id').notNull(),
  mode: text('mode', { enum: modes }).notNull(),
  provider: text('provider', { enum: ['stripe', 'hubspot', 'paypal'] }).notNull(),
  status: text('status').notNull().default('connected'),
  sandbox: boolean('sandbox').notNull().default(false),
  credentials: text('credentials').notNull(),
  keyId: text('key_id').notNull(),
  hint: text('hint').notNull().default(''),
  publicConfig: jsonb('public_config').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Tables that hold merchant data: each has account_id, RLS enabled and forced. */
export const tenantTables = ['accounts', 'memberships', 'invites', 'audit_log', 'provider_connections', 'products', 'prices', 'payment_forms', 'payment_form_items', 'contacts', 'provider_customers', 'transactions', 'transaction_items', 'transaction_totals', 'refunds', 'provider_events', 'provider_status', 'provider_status_events', 'oauth_states', 'hubspot_syncs', 'emails', 'payment_timeline', 'merchant_notifications'] as const;

// Catalog and payment forms (migrations/0002_catalog.sql). Amounts are integer minor units.

export const priceTypes = ['fixed', 'custom'] as const;
export type PriceType = (typeof priceTypes)[number];
export const formSelections = ['fixed', 'pick_one', 'pick_many'] as const;
export type FormSelection = (typeof formSelections)[number];

export const products = pgTable('products', {
  id: text('id').primaryKey(),
  accountId: text('account_id').notNull(),
  mode: text('mode', { enum: modes }).notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  archived: boolean('archived').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const prices = pgTable('prices', {
  id: text('id').primaryKey(),
  accountId: text('account_id').notNull(),
  mode: text('mode', { enum: modes }).notNull(),
  productId: text('product_id').notNull(),
  nickname: text('nickname').notNull().default(''),
  type: text('type', { enum: priceTypes }).notNull(),
  currency: text('currency').notNull(),
  unitAmount: integer('unit_amount'),
  maxQuantity: integer('max_quantity').notNull().default(1),
  minAmount: integer('min_amount'),
  maxAmount: integer('max_amount'),
  archived: boolean('archived').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const paymentForms = pgTable('payment_forms', {
  id: text('id').primaryKey(),
  accountId: text('account_id').notNull(),
  mode: text('mode', { enum: modes }).notNull(),
  name: text('name').notNull(),
  selection: text('selection', { enum: formSelections }).notNull(),
  currency: text('currency').notNull(),
  hubspotPortalId: text('hubspot_portal_id'),
  hubspotFormId: text('hubspot_form_id'),
  successMessage: text('success_message'),
  redirectUrl: text('redirect_url'),
  allowedDomains: jsonb('allowed_domains').$type<string[]>().notNull().default([]),
  /** The payment providers the form offers (each shown only while connected). */
  providers: jsonb('providers').$type<PaymentProvider[]>().notNull().default(['stripe', 'paypal']),
  dealPipeline: text('deal_pipeline'),
  dealStage: text('deal_stage'),
  refundStage: text('refund_stage'),
  syncFailedPayments: boolean('sync_failed_payments').notNull().default(false),
  /** Buyers get an email receipt when a payment succeeds and when a refund does (src/email/). */
  sendReceipts: boolean('send_receipts').notNull().default(true),
  archived: boolean('archived').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const paymentFormItems = pgTable(
  'payment_form_items',
  {
    accountId: text('account_id').notNull(),
    mode: text('mode', { enum: modes }).notNull(),
    formId: text('form_id').notNull(),
    priceId: text('price_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.formId, t.priceId] })],
);

// Payments (migrations/0003_payments.sql): contacts, transactions, their items, refunds, handled Stripe events.

/** The payment providers a buyer pays through (src/providers/). */
export const paymentProviders = ['stripe', 'paypal'] as const;
export type PaymentProvider = (typeof paymentProviders)[number];
export const transactionStatuses = ['pending', 'requires_action', 'processing', 'succeeded', 'failed', 'canceled', 'refunded', 'partially_refunded'] as const;
export type TransactionStatus = (typeof transactionStatuses)[number];
export const refundStatuses = ['pending', 'requires_action', 'succeeded', 'failed', 'canceled'] as const;
export type RefundStatus = (typeof refundStatuses)[number];
/** Where a payment's chargeback stands (migrations/0012_disputes.sql); null when never disputed. */
export const disputeStatuses = ['disputed', 'won', 'lost'] as const;
export type DisputeStatus = (typeof disputeStatuses)[number];

export const contacts = pgTable('contacts', {
  id: text('id').primaryKey(),
  accountId: text('account_id').notNull(),
  mode: text('mode', { enum: modes }).notNull(),
  email: text('email').notNull(),
  firstName: text('first_name').notNull().default(''),
  lastName: text('last_name').notNull().default(''),
  phone: text('phone').notNull().default(''),
  hubspotContactId: text('hubspot_contact_id'),
  paymentsCount: integer('payments_count').notNull().default(0),
  /** Net amount paid per currency (succeeded minus refunded), in minor units: {"usd": 12300}. */
  lifetimeValue: jsonb('lifetime_value').$type<Record<string, number>>().notNull().default({}),
  firstPurchaseAt: timestamp('first_purchase_at', { withTimezone: true }),
  lastPurchaseAt: timestamp('last_purchase_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The buyer's customer at a payment provider that keeps customers (Stripe), per contact and provider. */
export const providerCustomers = pgTable(
  'provider_customers',
  {
    accountId: text('account_id').notNull(),
    mode: text('mode', { enum: modes }).notNull(),
    contactId: text('contact_id').notNull(),
    provider: text('provider', { enum: paymentProviders }).notNull(),
    customerId: text('customer_id').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.contactId, t.provider] })],
);

/** The languages the widget (and so the receipts) speak. */
export const buyerLanguages = ['en', 'fr', 'de'] as const;
export type BuyerLanguage = (typeof buyerLanguages)[number];

export const transactions = pgTable('transactions', {
  id: text('id').primaryKey(),
  accountId: text('account_id').notNull(),
  mode: text('mode', { enum: modes }).notNull(),
  formId: text('form_id').notNull(),
  contactId: text('contact_id').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  requestHash: text('request_hash').notNull(),
  provider: text('provider', { enum: paymentProviders }).notNull(),
  status: text('status', { enum: transactionStatuses }).notNull().default('pending'),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  amountRefunded: integer('amount_refunded').notNull().default(0),
  description: text('description').notNull().default(''),
  /** The provider's payment: a Stripe PaymentIntent, a PayPal order. */
  providerPaymentId: text('provider_payment_id'),
  /** The money movement in it: a Stripe charge, a PayPal capture. */
  providerChargeId: text('provider_charge_id'),
  failureCode: text('failure_code'),
  failureMessage: text('failure_message'),
  failureRef: text('failure_ref'),
  disputeStatus: text('dispute_status', { enum: disputeStatuses }),
  hubspotFields: jsonb('hubspot_fields').$type<Record<string, string>>().notNull().default({}),
  clientIp: text('client_ip'),
  buyerFirstName: text('buyer_first_name').notNull().default(''),
  buyerLastName: text('buyer_last_name').notNull().default(''),
  buyerPhone: text('buyer_phone').notNull().default(''),
  /** The language the buyer saw the form in: their receipts are written in it. */
  buyerLanguage: text('buyer_language', { enum: buyerLanguages }).notNull().default('en'),
  providerReadAt: timestamp('provider_read_at', { withTimezone: true }),
  hubspotDealId: text('hubspot_deal_id'),
  /** How the buyer paid, as the provider reports it (ProviderPayment.method). */
  methodType: text('method_type'),
  methodBrand: text('method_brand'),
  methodLast4: text('method_last4'),
  methodEmail: text('method_email'),
  /** What the provider took and the merchant keeps (ProviderPayment.settlement), in the currency the merchant is paid in. */
  settlementCurrency: text('settlement_currency'),
  feeAmount: integer('fee_amount'),
  netAmount: integer('net_amount'),
  succeededAt: timestamp('succeeded_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const transactionItems = pgTable(
  'transaction_items',
  {
    accountId: text('account_id').notNull(),
    mode: text('mode', { enum: modes }).notNull(),
    transactionId: text('transaction_id').notNull(),
    position: integer('position').notNull(),
    priceId: text('price_id').notNull(),
    productId: text('product_id').notNull(),
    productName: text('product_name').notNull(),
    nickname: text('nickname').notNull().default(''),
    quantity: integer('quantity').notNull(),
    unitAmount: integer('unit_amount').notNull(),
    amount: integer('amount').notNull(),
  },
  (t) => [primaryKey({ columns: [t.transactionId, t.position] })],
);

/**
 * Transactions counted per hour (UTC) and key, written only by triggers (migrations/0011): each row
 * is a change (+1 with a transaction's values, -1 with its old ones) or, once compacted, the sum of
 * a key's changes. Read by src/payments/totals-query.ts.
 */
export const transactionTotals = pgTable('transaction_totals', {
  accountId: text('account_id').notNull(),
  mode: text('mode', { enum: modes }).notNull(),
  hour: timestamp('hour', { withTimezone: true }).notNull(),
  /** `all` (key ''), `product` (key: a product id) or `price` (key: a price id). */
  dimension: text('dimension', { enum: ['all', 'product', 'price'] }).notNull(),
  key: text('key').notNull(),
  currency: text('currency').notNull(),
  status: text('status', { enum: transactionStatuses }).notNull(),
  provider: text('provider', { enum: paymentProviders }).notNull(),
  formId: text('form_id').notNull(),
  count: bigint('count', { mode: 'number' }).notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  amountRefunded: bigint('amount_refunded', { mode: 'number' }).notNull(),
  compacted: boolean('compacted').notNull().default(false),
});

export const refunds = pgTable('refunds', {
  id: text('id').primaryKey(),
  accountId: text('account_id').notNull(),
  mode: text('mode', { enum: modes }).notNull(),
  transactionId: text('transaction_id').notNull(),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  status: text('status', { enum: refundStatuses }).notNull(),
  reason: text('reason'),
  /** The provider's refund (Stripe re_…, PayPal refund id). */
  providerRefundId: text('provider_refund_id'),
  failureReason: text('failure_reason'),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const providerEvents = pgTable(
  'provider_events',
  {
    accountId: text('account_id').notNull(),
    provider: text('provider', { enum: paymentProviders }).notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.provider, t.eventId] })],
);

// Provider monitoring (migrations/0004_monitoring.sql).

export const monitoredProviders = ['stripe', 'hubspot', 'paypal'] as const;
export type MonitoredProvider = (typeof monitoredProviders)[number];
export const checkStatuses = ['unknown', 'up', 'down'] as const;
export type CheckStatus = (typeof checkStatuses)[number];

export const providerStatus = pgTable(
  'provider_status',
  {
    accountId: text('account_id').notNull(),
    mode: text('mode', { enum: modes }).notNull(),
    provider: text('provider', { enum: monitoredProviders }).notNull(),
    status: text('status', { enum: checkStatuses }).notNull(),
    reason: text('reason').notNull(),
    detail: text('detail'),
    latencyMs: integer('latency_ms'),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.mode, t.provider] })],
);

export const providerStatusEvents = pgTable('provider_status_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: text('account_id').notNull(),
  mode: text('mode', { enum: modes }).notNull(),
  provider: text('provider', { enum: monitoredProviders }).notNull(),
  status: text('status', { enum: ['up', 'down'] }).notNull(),
  reason: text('reason').notNull(),
  detail: text('detail'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
});

export const providerReachability = pgTable('provider_reachability', {
  provider: text('provider', { enum: monitoredProviders }).primaryKey(),
  target: text('target').notNull(),
  status: text('status', { enum: checkStatuses }).notNull(),
  reason: text('reason').notNull(),
  latencyMs: integer('latency_ms'),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  claimedUntil: timestamp('claimed_until', { withTimezone: true }),
});

// OAuth authorization requests in flight (migrations/0006_oauth_states.sql).

export const oauthStates = pgTable('oauth_states', {
  stateHash: text('state_hash').primaryKey(),
  accountId: text('account_id').notNull(),
  sessionIdHash: text('session_id_hash').notNull(),
  userId: uuid('user_id').notNull(),
  provider: text('provider', { enum: ['hubspot'] }).notNull(),
  mode: text('mode', { enum: modes }).notNull(),
  sandbox: boolean('sandbox').notNull(),
  returnTo: text('return_to').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

// HubSpot sync (migrations/0005_sync.sql): how far HubSpot matches each payment, and why not yet.

export const hubspotSyncStates = ['pending', 'synced', 'skipped', 'failed'] as const;
export type HubSpotSyncState = (typeof hubspotSyncStates)[number];

export const hubspotSyncs = pgTable('hubspot_syncs', {
  transactionId: text('transaction_id').primaryKey(),
  accountId: text('account_id').notNull(),
  mode: text('mode', { enum: modes }).notNull(),
  state: text('state', { enum: hubspotSyncStates }).notNull().default('pending'),
  syncedStatus: text('synced_status', { enum: transactionStatuses }),
  syncedAmountRefunded: integer('synced_amount_refunded'),
  syncedAt: timestamp('synced_at', { withTimezone: true }),
  dealComplete: boolean('deal_complete').notNull().default(false),
  attempts: integer('attempts').notNull().default(0),
  failingSince: timestamp('failing_since', { withTimezone: true }),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  errorCode: text('error_code'),
  lastError: text('last_error'),
  failedAt: timestamp('failed_at', { withTimezone: true }),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const timelineKinds = ['status', 'webhook', 'refund', 'dispute', 'sync'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

/** What happened to a payment after it was created, one row each, append-only (src/payments/timeline.ts). */
export const paymentTimeline = pgTable('payment_timeline', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: text('account_id').notNull(),
  mode: text('mode', { enum: modes }).notNull(),
  transactionId: text('transaction_id').notNull(),
  kind: text('kind', { enum: timelineKinds }).notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const merchantNotificationKinds = ['daily_summary', 'sync_failures'] as const;
export type MerchantNotificationKind = (typeof merchantNotificationKinds)[number];

/** Emails sent to members (src/notifications/): one per (account, kind, ref, recipient). */
export const merchantNotifications = pgTable('merchant_notifications', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: text('account_id').notNull(),
  kind: text('kind', { enum: merchantNotificationKinds }).notNull(),
  ref: text('ref').notNull(),
  recipient: text('recipient').notNull(),
  status: text('status', { enum: ['sending', 'sent', 'failed'] }).notNull().default('sending'),
  lastError: text('last_error'),
  createdAt: createdAt(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
});

export const emailKinds = ['payment_receipt', 'refund_receipt'] as const;
export type EmailKind = (typeof emailKinds)[number];
export const emailStatuses = ['queued', 'sent', 'failed', 'skipped'] as const;

/** Messages to send (src/email/): one per (account, kind, ref), whatever reports the same event again. */
export const emails = pgTable('emails', {
  id: text('id').primaryKey(),
  accountId: text('account_id').notNull(),
  mode: text('mode', { enum: modes }).notNull(),
  kind: text('kind', { enum: emailKinds }).notNull(),
  ref: text('ref').notNull(),
  transactionId: text('transaction_id').notNull(),
  status: text('status', { enum: emailStatuses }).notNull().default('queued'),
  recipient: text('recipient'),
  subject: text('subject'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: createdAt(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
});
