import { paymentProviders, type FormSelection, type PaymentProvider } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import { allowedDomains, redirectUrl } from './form-settings.js';

/** What a merchant sets on a payment form (create: name, items and selection required; update: any subset). */
export interface FormInput {
  name?: string;
  items?: { priceId: string }[];
  selection?: FormSelection;
  currency?: string;
  hubspot?: { portalId?: string | null; formId?: string | null };
  successMessage?: string | null;
  redirectUrl?: string | null;
  allowedDomains?: string[];
  providers?: PaymentProvider[];
  sendReceipts?: boolean;
  sync?: { dealPipeline?: string | null; dealStage?: string | null; refundStage?: string | null; syncFailedPayments?: boolean };
  archived?: boolean;
}

const blankToNull = (value: string | null | undefined) => (value == null || value.trim() === '' ? null : value.trim());

/** The columns of the form's settings present in the input, validated and normalized (absent fields are left out). */
export function settingsColumns(input: FormInput) {
  const columns: Record<string, unknown> = {};
  if (input.name !== undefined) {
    if (!input.name.trim()) throw new AppError('validation_failed', 'A payment form needs a name.');
    columns.name = input.name.trim();
  }
  if (input.hubspot?.portalId !== undefined) columns.hubspotPortalId = blankToNull(input.hubspot.portalId);
  if (input.hubspot?.formId !== undefined) columns.hubspotFormId = blankToNull(input.hubspot.formId);
  if (input.successMessage !== undefined) columns.successMessage = blankToNull(input.successMessage);
  if (input.redirectUrl !== undefined) columns.redirectUrl = input.redirectUrl === null || !input.redirectUrl.trim() ? null : redirectUrl(input.redirectUrl);
  if (input.allowedDomains !== undefined) columns.allowedDomains = allowedDomains(input.allowedDomains);
  // Stored in one order whatever order they came in.
  if (input.providers !== undefined) columns.providers = paymentProviders.filter((p) => input.providers!.includes(p));
  if (input.sendReceipts !== undefined) columns.sendReceipts = input.sendReceipts;
  if (input.sync?.dealPipeline !== undefined) columns.dealPipeline = blankToNull(input.sync.dealPipeline);
  if (input.sync?.dealStage !== undefined) columns.dealStage = blankToNull(input.sync.dealStage);
  if (input.sync?.refundStage !== undefined) columns.refundStage = blankToNull(input.sync.refundStage);
  if (input.sync?.syncFailedPayments !== undefined) columns.syncFailedPayments = input.sync.syncFailedPayments;
  if (input.archived !== undefined) columns.archived = input.archived;
  return columns as Partial<{
    name: string;
    hubspotPortalId: string | null;
    hubspotFormId: string | null;
    successMessage: string | null;
    redirectUrl: string | null;
    allowedDomains: string[];
    providers: PaymentProvider[];
    sendReceipts: boolean;
    dealPipeline: string | null;
    dealStage: string | null;
    refundStage: string | null;
    syncFailedPayments: boolean;
    archived: boolean;
  }>;
}
