import { Type, type Static } from '@sinclair/typebox';
import { and, eq, gte, inArray, isNotNull, like, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { maxAmount } from '../platform/money/currencies.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { Currency } from '../catalog/schemas.js';
import { contacts, disputeStatuses, transactionItems, transactions, transactionStatuses, type DisputeStatus, type PaymentProvider, type TransactionStatus } from '../platform/db/schema.js';
import { PaymentProviderSchema } from '../platform/http/schemas.js';
import { AppError } from '../platform/http/errors.js';
import { checkTimeZone, startOfDay } from './time-zones.js';

const statusList = `(${transactionStatuses.join('|')})`;
const Id = Type.String({ minLength: 1, maxLength: 64 });

/** Query-string filters shared by the list, the totals, the summary and the CSV export. */
export const TransactionFilterFields = {
  from: Type.Optional(Type.String({ maxLength: 40, description: 'Created at or after: a date (YYYY-MM-DD, from its start in `timezone`) or an ISO date-time with offset' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Created before: a date (through the end of that day in `timezone`) or an ISO date-time with offset (exclusive)' })),
  timezone: Type.Optional(Type.String({ maxLength: 64, description: 'IANA time zone of bare dates (and of summary buckets); default UTC' })),
  status: Type.Optional(
    Type.Array(Type.String({ pattern: `^${statusList}(,${statusList})*$` }), {
      maxItems: transactionStatuses.length,
      description: 'One or several statuses: repeat the parameter or separate with commas',
    }),
  ),
  productId: Type.Optional(Id),
  priceId: Type.Optional(Id),
  formId: Type.Optional(Id),
  contactId: Type.Optional(Id),
  email: Type.Optional(Type.String({ minLength: 1, maxLength: 254, description: "The buyer's email or its beginning (case-insensitive prefix)" })),
  currency: Type.Optional(Currency),
  provider: Type.Optional(Type.Union(PaymentProviderSchema.anyOf, { description: 'How the buyer paid: stripe (card) or paypal' })),
  minAmount: Type.Optional(Type.Integer({ minimum: 0, maximum: maxAmount, description: 'Smallest amount, minor units, inclusive' })),
  maxAmount: Type.Optional(Type.Integer({ minimum: 0, maximum: maxAmount, description: 'Largest amount, minor units, inclusive' })),
  dispute: Type.Optional(
    Type.Union([...disputeStatuses.map((d) => Type.Literal(d)), Type.Literal('any')], {
      description: 'Chargebacks: disputed (open), won, lost, or any (every payment ever disputed)',
    }),
  ),
};
const FilterQuery = Type.Object(TransactionFilterFields);
export type TransactionFilterQuery = Static<typeof FilterQuery>;

export interface TransactionFilters {
  /** IANA name; bare dates of `from`/`to` were read in it. */
  timeZone?: string;
  from?: Date;
  to?: Date;
  statuses?: TransactionStatus[];
  productId?: string;
  priceId?: string;
  formId?: string;
  contactId?: string;
  email?: string;
  currency?: string;
  provider?: PaymentProvider;
  minAmount?: number;
  maxAmount?: number;
  dispute?: DisputeStatus | 'any';
}

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** A bound of the date range: a bare date is a day in the time zone (`to` includes that whole day), a date-time needs its offset. */
function parseBound(value: string, field: 'from' | 'to', timeZone: string): Date {
  const day = dateOnly.exec(value);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]) - 1, Number(day[3])];
    // Date.UTC rolls 2024-02-31 over to March: refuse it instead.
    const check = new Date(Date.UTC(year, month, date));
    if (check.getUTCDate() === date && check.getUTCMonth() === month) return startOfDay(year, month, date + (field === 'to' ? 1 : 0), timeZone);
  } else if (dateTime.test(value) && !Number.isNaN(Date.parse(value))) {
    return new Date(value);
  }
  throw new AppError('validation_failed', `${field} must be a date (2024-05-31) or a date-time with its offset (2024-05-31T18:00:00Z), not '${value}'.`);
}

/** Checks and normalizes the filters of a request (400 on dates that make no sense). */
export function parseTransactionFilters(query: TransactionFilterQuery): TransactionFilters {
  const timeZone = checkTimeZone(query.timezone ?? 'UTC');
  const from = query.from === undefined ? undefined : parseBound(query.from, 'from', timeZone);
  const to = query.to === undefined ? undefined : parseBound(query.to, 'to', timeZone);
  if (from && to && from >= to) throw new AppError('validation_failed', 'from must be before to.');
  if (query.minAmount !== undefined && query.maxAmount !== undefined && query.minAmount > query.maxAmount) {
    throw new AppError('validation_failed', 'minAmount must not be larger than maxAmount.');
  }
  const statuses = query.status ? [...new Set(query.status.flatMap((s) => s.split(',')))] : undefined;
  return {
    timeZone,
    from,
    to,
    statuses: statuses as TransactionStatus[] | undefined,
    productId: query.productId,
    priceId: query.priceId,
    formId: query.formId,
    contactId: query.contactId,
    email: query.email?.trim().toLowerCase(),
    currency: query.currency?.toLowerCase(),
    provider: query.provider,
    minAmount: query.minAmount,
    maxAmount: query.maxAmount,
    dispute: query.dispute,
  };
}

/** Text as a LIKE pattern's literal part: `%`, `_` and `\` match only themselves. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** An email prefix as a LIKE pattern (the contact emails are stored lowercase). */
export const emailPrefix = (email: string) => `${escapeLike(email.trim().toLowerCase())}%`;

/** The columns both `transactions` and `transaction_totals` have: a time (the creation, or its hour) and the values filtered on. */
interface CountedColumns {
  accountId: PgColumn;
  mode: PgColumn;
  time: PgColumn;
  status: PgColumn;
  formId: PgColumn;
  currency: PgColumn;
  provider: PgColumn;
}

/**
 * The scope and the filters on the columns of `CountedColumns`, for `transactions` and for the
 * hourly totals alike (src/payments/totals-query.ts), so the two reads cannot filter differently.
 */
export function countedConditions(columns: CountedColumns, scope: Scope, filters: TransactionFilters): (SQL | undefined)[] {
  return [
    eq(columns.accountId, scope.accountId),
    eq(columns.mode, scope.mode),
    filters.from && gte(columns.time, filters.from),
    filters.to && lt(columns.time, filters.to),
    filters.statuses && inArray(columns.status, filters.statuses),
    filters.formId !== undefined ? eq(columns.formId, filters.formId) : undefined,
    filters.currency !== undefined ? eq(columns.currency, filters.currency) : undefined,
    filters.provider !== undefined ? eq(columns.provider, filters.provider) : undefined,
  ];
}

/**
 * The WHERE clause of a filtered read of `transactions` alone: always the scope's account and mode
 * (in code, on top of RLS), then each filter given. Filters on other tables are EXISTS clauses, so
 * a page is read straight off the (account, mode, created_at, id) index whatever the planner's
 * statistics say about them; the page's contacts and items are loaded after.
 */
export function transactionConditions(scope: Scope, filters: TransactionFilters): SQL {
  const itemMatches = (column: typeof transactionItems.productId | typeof transactionItems.priceId, value: string) =>
    sql`exists (select 1 from ${transactionItems} where ${transactionItems.accountId} = ${transactions.accountId} and ${transactionItems.transactionId} = ${transactions.id} and ${column} = ${value})`;
  return and(
    ...countedConditions({ ...transactions, time: transactions.createdAt }, scope, filters),
    filters.contactId !== undefined ? eq(transactions.contactId, filters.contactId) : undefined,
    filters.minAmount !== undefined ? gte(transactions.amount, filters.minAmount) : undefined,
    filters.maxAmount !== undefined ? lte(transactions.amount, filters.maxAmount) : undefined,
    filters.dispute === 'any' ? isNotNull(transactions.disputeStatus) : filters.dispute !== undefined ? eq(transactions.disputeStatus, filters.dispute) : undefined,
    filters.email !== undefined
      ? sql`exists (select 1 from ${contacts} where ${contacts.accountId} = ${transactions.accountId} and ${contacts.id} = ${transactions.contactId} and ${like(contacts.email, emailPrefix(filters.email))})`
      : undefined,
    filters.productId !== undefined ? itemMatches(transactionItems.productId, filters.productId) : undefined,
    filters.priceId !== undefined ? itemMatches(transactionItems.priceId, filters.priceId) : undefined,
  )!;
}
