import type { Client } from '@hubspot/api-client';
import { disputeStatuses, transactionStatuses } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { HubSpotApiError, hubspotStatus } from './hubspot-errors.js';
import { callHubSpot } from './hubspot-client.js';

/** The property group OnePagePay's properties live in, on contacts and deals. */
export const hubspotPropertyGroup = { name: 'onepagepay', label: 'OnePagePay' } as const;

/** Internal names of the properties OnePagePay writes (what the sync sets). */
export const hubspotProperties = {
  contact: {
    totalSpent: 'onepagepay_total_spent',
    paymentCount: 'onepagepay_payment_count',
    firstPaymentDate: 'onepagepay_first_payment_date',
    lastPaymentDate: 'onepagepay_last_payment_date',
    lastPaymentAmount: 'onepagepay_last_payment_amount',
    lastProduct: 'onepagepay_last_product',
    productsPurchased: 'onepagepay_products_purchased',
    lastPaymentStatus: 'onepagepay_last_payment_status',
    /** The hidden field of the merchant's HubSpot form, which the widget fills with the payment id before it submits. */
    formPaymentId: 'onepagepay_payment_id',
  },
  deal: {
    paymentId: 'onepagepay_payment_id',
    paymentStatus: 'onepagepay_payment_status',
    paymentProvider: 'onepagepay_payment_provider',
    /** Set only once a payment is disputed (connections made earlier lack it until reconnected). */
    disputeStatus: 'onepagepay_dispute_status',
  },
} as const;

interface Option {
  label: string;
  value: string;
  hidden?: boolean;
  displayOrder?: number;
}

interface PropertySpec {
  name: string;
  label: string;
  description: string;
  type: 'string' | 'number' | 'date' | 'enumeration';
  fieldType: 'text' | 'number' | 'date' | 'select' | 'checkbox';
  options?: Option[];
  hasUniqueValue?: boolean;
}

const label = (status: string) => status.charAt(0).toUpperCase() + status.slice(1).replace(/_/g, ' ');
const statusOptions: Option[] = transactionStatuses.map((status, i) => ({ label: label(status), value: status, displayOrder: i }));

const specs: Record<'contacts' | 'deals', PropertySpec[]> = {
  contacts: [
    { name: hubspotProperties.contact.totalSpent, label: 'Total spent', description: 'Paid through OnePagePay, net of refunds, in major currency units (e.g. 49.90).', type: 'number', fieldType: 'number' },
    { name: hubspotProperties.contact.paymentCount, label: 'Number of payments', description: 'Succeeded payments through OnePagePay.', type: 'number', fieldType: 'number' },
    { name: hubspotProperties.contact.firstPaymentDate, label: 'First payment date', description: 'Date of the first succeeded OnePagePay payment.', type: 'date', fieldType: 'date' },
    { name: hubspotProperties.contact.lastPaymentDate, label: 'Last payment date', description: 'Date of the latest OnePagePay payment.', type: 'date', fieldType: 'date' },
    { name: hubspotProperties.contact.lastPaymentAmount, label: 'Last payment amount', description: 'Amount of the latest OnePagePay payment, in major currency units.', type: 'number', fieldType: 'number' },
    { name: hubspotProperties.contact.lastProduct, label: 'Last product', description: 'Product of the latest OnePagePay payment.', type: 'string', fieldType: 'text' },
    { name: hubspotProperties.contact.productsPurchased, label: 'Products purchased', description: 'Every product bought through OnePagePay (options are added as products are sold).', type: 'enumeration', fieldType: 'checkbox', options: [] },
    { name: hubspotProperties.contact.lastPaymentStatus, label: 'Last payment status', description: 'Status of the latest OnePagePay payment.', type: 'enumeration', fieldType: 'select', options: statusOptions },
    {
      name: hubspotProperties.contact.formPaymentId,
      label: 'Payment ID (form)',
      description: 'The OnePagePay payment of the latest form submission: the hidden form field the widget fills.',
      type: 'string',
      fieldType: 'text',
    },
  ],
  deals: [
    { name: hubspotProperties.deal.paymentId, label: 'Payment ID', description: 'The OnePagePay payment this deal records (unique).', type: 'string', fieldType: 'text', hasUniqueValue: true },
    { name: hubspotProperties.deal.paymentStatus, label: 'Payment status', description: 'Status of the OnePagePay payment.', type: 'enumeration', fieldType: 'select', options: statusOptions },
    {
      name: hubspotProperties.deal.paymentProvider,
      label: 'Payment provider',
      description: 'Who processed the payment.',
      type: 'enumeration',
      fieldType: 'select',
      options: [
        { label: 'Stripe', value: 'stripe', displayOrder: 0 },
        { label: 'PayPal', value: 'paypal', displayOrder: 1 },
      ],
    },
    {
      name: hubspotProperties.deal.disputeStatus,
      label: 'Dispute',
      description: 'Where a chargeback of the payment stands: disputed (open), won or lost. Empty when never disputed.',
      type: 'enumeration',
      fieldType: 'select',
      options: disputeStatuses.map((status, i) => ({ label: label(status), value: status, displayOrder: i })),
    },
  ],
};

type CreateInput = Parameters<Client['crm']['properties']['coreApi']['create']>[1];
type UpdateInput = Parameters<Client['crm']['properties']['coreApi']['update']>[2];
type ExistingProperty = { name: string; type: string; options?: Option[] };

const isConflict = (err: unknown) => hubspotStatus(err)?.status === 409;
const withOptions = (options: Option[]) => options.map((o) => ({ hidden: false, ...o }));

/**
 * Creates (or reuses) the "OnePagePay" property group and OnePagePay's properties on contacts and
 * deals in the connection's portal. Running it again is harmless: what exists is left alone,
 * enumeration options that are missing are added, and a property someone else created under one of
 * our names with another type is refused with a message (the sync could not write it).
 * HubSpot errors are thrown as they come (map them with hubspotErrorToAppError).
 */
export async function ensureHubSpotProperties(client: Client, portalId: string) {
  const limited = <T>(fn: () => Promise<T>) => callHubSpot(portalId, fn);
  for (const objectType of ['contacts', 'deals'] as const) {
    const groups = await limited(() => client.crm.properties.groupsApi.getAll(objectType));
    if (!groups.results.some((g) => g.name === hubspotPropertyGroup.name)) {
      await limited(() => client.crm.properties.groupsApi.create(objectType, { ...hubspotPropertyGroup })).catch((err: unknown) => {
        if (!isConflict(err)) throw err;
      });
    }
    const existing = new Map<string, ExistingProperty>(
      (await limited(() => client.crm.properties.coreApi.getAll(objectType))).results.map((p) => [p.name, p as unknown as ExistingProperty]),
    );
    // Ours that the merchant deleted sit in HubSpot's recycling bin, their names still taken: restored
    // (with the values the records had), not created again.
    const ours = new Set(specs[objectType].map((spec) => spec.name));
    const binned = (await limited(() => client.crm.properties.coreApi.getAll(objectType, true))).results.filter((p) => ours.has(p.name) && !existing.has(p.name));
    if (binned.length > 0) {
      await limited(() => restoreProperties(client, objectType, binned.map((p) => p.name)));
      for (const p of binned) existing.set(p.name, p as unknown as ExistingProperty);
    }
    for (const spec of specs[objectType]) {
      let current = existing.get(spec.name);
      if (!current) {
        const input = { ...spec, groupName: hubspotPropertyGroup.name, options: spec.options && withOptions(spec.options) } as unknown as CreateInput;
        try {
          await limited(() => client.crm.properties.coreApi.create(objectType, input));
          continue;
        } catch (err) {
          if (!isConflict(err)) throw err;
          // Created by a concurrent connect: check it like any existing one.
          current = (await limited(() => client.crm.properties.coreApi.getByName(objectType, spec.name))) as unknown as ExistingProperty;
        }
      }
      if (current.type !== spec.type) {
        throw new AppError(
          'unprocessable',
          `HubSpot already has a ${objectType.slice(0, -1)} property "${spec.name}" of type ${current.type}; OnePagePay needs type ${spec.type}. Rename or delete it in HubSpot, then connect again.`,
        );
      }
      const missing = (spec.options ?? []).filter((o) => !(current.options ?? []).some((c) => c.value === o.value));
      if (missing.length > 0) await updateOptions(client, portalId, objectType, spec.name, [...(current.options ?? []), ...missing]);
    }
  }
}

const objectTypeIds = { contacts: '0-1', deals: '0-3' } as const;

/** HubSpot's restore from the recycling bin (its CRM schemas API; the official client has no method for it yet). */
async function restoreProperties(client: Client, objectType: keyof typeof objectTypeIds, names: string[]) {
  const res = await client.apiRequest({
    method: 'POST',
    path: `/crm/schemas/2027-03-beta/objects/${objectTypeIds[objectType]}/properties/batch/restore`,
    body: { inputs: names.map((name) => ({ name })) },
  });
  if (!res.ok) throw new HubSpotApiError(res.status, await res.json().catch(() => null));
}

// HubSpot replaces an enumeration's options with the list given: always send the whole list.
function updateOptions(client: Client, portalId: string, objectType: string, name: string, options: Option[]) {
  const input = { options: withOptions(options) } as unknown as UpdateInput;
  return callHubSpot(portalId, () => client.crm.properties.coreApi.update(objectType, name, input));
}
