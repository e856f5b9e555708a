import type { DealPipeline, FormInput, PaymentForm, Price, Selection } from '../../api/types.js';

/** The form editor's state: everything as the merchant typed it, turned into the API body on save. */
export interface FormDraft {
  name: string;
  priceIds: string[];
  selection: Selection;
  portalId: string;
  hubspotFormId: string;
  dealPipeline: string;
  dealStage: string;
  refundStage: string;
  syncFailedPayments: boolean;
  sendReceipts: boolean;
  completion: 'default' | 'message' | 'redirect';
  successMessage: string;
  redirectUrl: string;
  allowedDomains: string;
  /** How buyers may pay: card (Stripe), PayPal, or both. */
  providers: PaymentForm['providers'];
}

export const emptyFormDraft = (): FormDraft => ({
  name: '',
  priceIds: [],
  selection: 'fixed',
  portalId: '',
  hubspotFormId: '',
  dealPipeline: '',
  dealStage: '',
  refundStage: '',
  syncFailedPayments: false,
  sendReceipts: true,
  completion: 'default',
  successMessage: '',
  redirectUrl: '',
  allowedDomains: '',
  providers: ['stripe', 'paypal'],
});

export function draftOfForm(form: PaymentForm): FormDraft {
  return {
    name: form.name,
    priceIds: form.items.map((i) => i.priceId),
    selection: form.selection,
    portalId: form.hubspot.portalId ?? '',
    hubspotFormId: form.hubspot.formId ?? '',
    dealPipeline: form.sync.dealPipeline ?? '',
    dealStage: form.sync.dealStage ?? '',
    refundStage: form.sync.refundStage ?? '',
    syncFailedPayments: form.sync.syncFailedPayments,
    sendReceipts: form.sendReceipts,
    completion: form.redirectUrl ? 'redirect' : form.successMessage ? 'message' : 'default',
    successMessage: form.successMessage ?? '',
    redirectUrl: form.redirectUrl ?? '',
    allowedDomains: form.allowedDomains.join('\n'),
    providers: form.providers,
  };
}

/** Choosing prices keeps the selection sensible: one item is `fixed`, several are `pick_one` unless `pick_many` was chosen. */
export function withPrices(draft: FormDraft, priceIds: string[]): FormDraft {
  let selection = draft.selection;
  if (priceIds.length <= 1) selection = 'fixed';
  else if (selection === 'fixed') selection = 'pick_one';
  return { ...draft, priceIds, selection };
}

/** What the sync uses when a form leaves them empty: HubSpot's default pipeline and its won stage. */
export const defaultPipelineId = 'default';
export const defaultStageId = 'closedwon';

/** The pipeline and paid stage deals get, spelled out (the draft keeps an empty value as the merchant left it). */
export function effectivePipeline(draft: FormDraft): { pipeline: string; stage: string } {
  const pipeline = draft.dealPipeline.trim() || defaultPipelineId;
  return { pipeline, stage: draft.dealStage.trim() || (pipeline === defaultPipelineId ? defaultStageId : '') };
}

/**
 * Picking another pipeline keeps the stages that belong to it; a paid stage that does not becomes the
 * pipeline's won stage (closed, probability 1) when it has one, a refund stage that does not is cleared.
 */
export function withPipeline(draft: FormDraft, pipeline: DealPipeline): FormDraft {
  const has = (id: string) => pipeline.stages.some((s) => s.id === id);
  const { stage } = effectivePipeline(draft);
  const won = pipeline.stages.find((s) => s.closed && s.probability === 1);
  return { ...draft, dealPipeline: pipeline.id, dealStage: has(stage) ? stage : (won?.id ?? ''), refundStage: has(draft.refundStage) ? draft.refundStage : '' };
}

export type FormDraftErrors = Partial<Record<'name' | 'items' | 'selection' | 'portalId' | 'dealStage' | 'redirectUrl' | 'successMessage' | 'allowedDomains' | 'providers', string>>;

const originPattern = /^https?:\/\/[^/?#\s*]+$/i;

/** The API body, or what the merchant must fix first (the server checks everything again). */
export function formInputOf(draft: FormDraft, prices: Price[]): { input: FormInput } | { errors: FormDraftErrors } {
  const errors: FormDraftErrors = {};
  if (!draft.name.trim()) errors.name = 'Give the form a name.';
  const chosen = draft.priceIds.map((id) => prices.find((p) => p.id === id)).filter((p): p is Price => p !== undefined);
  if (chosen.length === 0) errors.items = 'Choose at least one price.';
  if (chosen.filter((p) => p.type === 'custom').length > 1) errors.items = 'A form can offer one custom amount at most.';
  if (new Set(chosen.map((p) => p.currency)).size > 1) errors.items = 'Every price on a form must be in the same currency.';
  if (draft.selection === 'fixed' && chosen.length > 1) errors.selection = '“One item” offers exactly one price.';
  if (draft.selection !== 'fixed' && chosen.length < 2) errors.selection = 'Letting the buyer pick needs at least two prices.';
  if (draft.portalId.trim() && !/^\d+$/.test(draft.portalId.trim())) errors.portalId = 'The HubSpot portal id is a number (Settings → Account details).';
  if (!effectivePipeline(draft).stage) errors.dealStage = `Choose the stage paid deals go to: ${defaultStageId}, used when empty, is a stage of the default pipeline only.`;
  if (draft.completion === 'redirect' && !/^https?:\/\/\S+$/i.test(draft.redirectUrl.trim())) errors.redirectUrl = 'Enter the full address, starting with https://.';
  if (draft.completion === 'message' && !draft.successMessage.trim()) errors.successMessage = 'Write the message, or choose the default thank-you.';
  const domains = draft.allowedDomains
    .split(/[\s,]+/)
    .map((d) => d.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  const bad = domains.find((d) => !originPattern.test(d));
  if (bad) errors.allowedDomains = `“${bad}” is not an origin: write it like https://shop.example.com (no path).`;
  if (draft.providers.length === 0) errors.providers = 'Choose at least one way to pay.';
  if (Object.keys(errors).length > 0) return { errors };
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    input: {
      name: draft.name.trim(),
      items: draft.priceIds.map((priceId) => ({ priceId })),
      selection: draft.selection,
      currency: chosen[0]?.currency,
      hubspot: { portalId: optional(draft.portalId), formId: optional(draft.hubspotFormId) },
      successMessage: draft.completion === 'message' ? draft.successMessage.trim() : null,
      redirectUrl: draft.completion === 'redirect' ? draft.redirectUrl.trim() : null,
      allowedDomains: domains,
      providers: draft.providers,
      sendReceipts: draft.sendReceipts,
      sync: {
        dealPipeline: optional(draft.dealPipeline),
        dealStage: optional(draft.dealStage),
        refundStage: optional(draft.refundStage),
        syncFailedPayments: draft.syncFailedPayments,
      },
    },
  };
}

/**
 * Why the form's deals would be refused by the connected HubSpot portal: a currency it does not take
 * (HubSpot takes deals only in the portal's company and additional currencies). Null when it does,
 * or when the portal's currencies are not known.
 */
export function currencyWarning(currency: string | undefined, portalCurrencies: string[]): string | null {
  if (!currency || portalCurrencies.length === 0) return null;
  const code = currency.toUpperCase();
  if (portalCurrencies.includes(code)) return null;
  return `Your HubSpot portal takes deals in ${portalCurrencies.join(', ')} only: deals of this ${code} form would be refused (and listed as failed syncs). Add ${code} in HubSpot (Settings → Account defaults → Currency), then reconnect HubSpot here.`;
}
