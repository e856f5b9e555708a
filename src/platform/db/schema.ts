import { bigserial, boolean, jsonb, pgTable, primaryKey, text, timestamp, uuid, integer } from 'drizzle-orm/pg-core';

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
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userId] })],
);

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
export const tenantTables = ['accounts', 'memberships', 'invites', 'audit_log', 'provider_connections', 'products', 'prices', 'payment_forms', 'payment_form_items'] as const;

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
  dealPipeline: text('deal_pipeline'),
  dealStage: text('deal_stage'),
  refundStage: text('refund_stage'),
  syncFailedPayments: boolean('sync_failed_payments').notNull().default(false),
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
