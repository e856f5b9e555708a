/**
 * Shapes of the private API's answers and bodies (docs/api.md): the server's own TypeBox schemas, imported
 * as types only (nothing of the server reaches the bundle), so the two cannot drift apart.
 */
import type { Static } from '@sinclair/typebox';
import type { AuditEntrySchema, CreatedInviteSchema, InviteSchema, MemberSchema, MeSchema, ModeSchema, RoleSchema, SignedInSchema, SignInNextSchema } from '../../../../src/accounts/schemas.js';
import type { CreatePriceBody, CreateProductBody, PriceSchema, ProductSchema, UpdatePriceBody, UpdateProductBody } from '../../../../src/catalog/schemas.js';
import type { ConnectionStateSchema, DealPipelineSchema, DealStageSchema, Provider as ProviderName } from '../../../../src/connections/schemas.js';
import type { CreateFormBody, FormSchema } from '../../../../src/forms/schemas.js';
import type { HealthStatusSchema, ProviderHealthListSchema, ProviderHealthSchema, ReachabilitySchema, StatusEventSchema } from '../../../../src/monitor/schemas.js';
import type {
  ContactDetailSchema,
  ContactSchema,
  RefundSchema,
  RevenueSummarySchema,
  SearchResultsSchema,
  TotalsSchema,
  TransactionDetailSchema,
  TransactionPageSchema,
  TransactionSchema,
} from '../../../../src/payments/schemas.js';
import type { SyncStatusSchema } from '../../../../src/sync/schemas.js';

export type { Page } from '../../../../src/platform/tenancy/page-schema.js';
import type { TransactionStatusSchema } from '../../../../src/platform/http/schemas.js';

export type { SandboxUrls } from '../../../../src/platform/http/schemas.js';

export type Mode = Static<typeof ModeSchema>;
export type Role = Static<typeof RoleSchema>;
export type Me = Static<typeof MeSchema>;
export type SignedIn = Static<typeof SignedInSchema>;
export type SignInNext = Static<typeof SignInNextSchema>;
export type Member = Static<typeof MemberSchema>;
/** An invite as listed; the link (`inviteUrl`) is there only in the answer that created it. */
export type Invite = Static<typeof InviteSchema> & Partial<Pick<Static<typeof CreatedInviteSchema>, 'inviteUrl'>>;
/** The answer that created an invite: its link, and whether it was emailed too. */
export type CreatedInvite = Static<typeof CreatedInviteSchema>;
export type AuditEntry = Static<typeof AuditEntrySchema>;

export type Product = Static<typeof ProductSchema>;
export type Price = Static<typeof PriceSchema>;
export type ProductInput = Static<typeof CreateProductBody>;
export type ProductUpdate = Static<typeof UpdateProductBody>;
export type PriceInput = Static<typeof CreatePriceBody>;
export type PriceUpdate = Static<typeof UpdatePriceBody>;

export type PaymentForm = Static<typeof FormSchema>;
export type Selection = PaymentForm['selection'];
/** The create body of a payment form (PATCH takes any subset). */
export type FormInput = Static<typeof CreateFormBody>;

export type Provider = ProviderName;
export type Connection = Static<typeof ConnectionStateSchema>;
export type DealPipeline = Static<typeof DealPipelineSchema>;
export type DealStage = Static<typeof DealStageSchema>;

export type HealthStatus = Static<typeof HealthStatusSchema>;
export type ConnectionHealth = Static<typeof ProviderHealthSchema>;
export type Reachability = Static<typeof ReachabilitySchema>;
export type ProviderHealth = Static<typeof ProviderHealthListSchema>;
export type HealthPeriod = Static<typeof StatusEventSchema>;

export type TransactionStatus = Static<typeof TransactionStatusSchema>;
export type Transaction = Static<typeof TransactionSchema>;
export type Totals = Static<typeof TotalsSchema>;
export type TransactionPage = Static<typeof TransactionPageSchema>;
export type Refund = Static<typeof RefundSchema>;
export type Contact = Static<typeof ContactSchema>;
export type TransactionDetail = Static<typeof TransactionDetailSchema>;
export type ContactDetail = Static<typeof ContactDetailSchema>;
export type SearchResults = Static<typeof SearchResultsSchema>;
export type RevenueSummary = Static<typeof RevenueSummarySchema>;

export type SyncStatus = Static<typeof SyncStatusSchema>;
export type SyncState = SyncStatus['state'];
