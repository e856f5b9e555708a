import type { ObjectType } from './object-types.js';

export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' | 'phone_number';
export const propertyTypes: PropertyType[] = ['string', 'number', 'date', 'datetime', 'enumeration', 'bool', 'phone_number'];
export const fieldTypes = ['text', 'textarea', 'date', 'file', 'number', 'select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation', 'html', 'phonenumber'];

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

export interface PropertyDef {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  description: string;
  groupName: string;
  options: PropertyOption[];
  displayOrder: number;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  hubspotDefined: boolean;
  /** System properties (hs_object_id, last-modified dates) cannot be written through the API. */
  readOnlyValue: boolean;
  calculated: boolean;
  createdAt: number;
  updatedAt: number;
  /** In the recycling bin (deleted by the merchant) since this time: hidden, its name still taken; restorable. */
  archivedAt?: number;
}

export interface PropertyGroupDef {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

type Seed = [name: string, label: string, type: PropertyType, fieldType: string, extra?: Partial<PropertyDef> & { values?: string[] }];

/** The currencies a stand-in portal can enable (its company currency and additional currencies). */
export const currencies = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY', 'SEK', 'NOK', 'DKK', 'NZD', 'PLN', 'CZK', 'BRL', 'MXN', 'INR', 'SGD', 'HKD'];
const ro = { readOnlyValue: true, formField: false };

const seeds: Record<ObjectType, { group: [string, string]; props: Seed[] }> = {
  contacts: {
    group: ['contactinformation', 'Contact information'],
    props: [
      ['email', 'Email', 'string', 'text', { hasUniqueValue: true }],
      ['firstname', 'First Name', 'string', 'text'],
      ['lastname', 'Last Name', 'string', 'text'],
      ['phone', 'Phone Number', 'string', 'phonenumber'],
      ['mobilephone', 'Mobile Phone Number', 'string', 'phonenumber'],
      ['company', 'Company Name', 'string', 'text'],
      ['website', 'Website URL', 'string', 'text'],
      ['jobtitle', 'Job Title', 'string', 'text'],
      ['address', 'Street Address', 'string', 'text'],
      ['city', 'City', 'string', 'text'],
      ['state', 'State/Region', 'string', 'text'],
      ['zip', 'Postal Code', 'string', 'text'],
      ['country', 'Country/Region', 'string', 'text'],
      ['message', 'Message', 'string', 'textarea'],
      ['lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', {
        values: ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'],
      }],
      ['hs_lead_status', 'Lead Status', 'enumeration', 'radio', { values: ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING'] }],
      ['hubspot_owner_id', 'Contact owner', 'string', 'text'],
      ['createdate', 'Create Date', 'datetime', 'date', { formField: false }],
      ['lastmodifieddate', 'Last Modified Date', 'datetime', 'date', ro],
      ['hs_object_id', 'Record ID', 'number', 'number', ro],
    ],
  },
  companies: {
    group: ['companyinformation', 'Company information'],
    props: [
      ['name', 'Company name', 'string', 'text'],
      ['domain', 'Company Domain Name', 'string', 'text'],
      ['phone', 'Phone Number', 'string', 'phonenumber'],
      ['website', 'Website URL', 'string', 'text'],
      ['createdate', 'Create Date', 'datetime', 'date', { formField: false }],
      ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', ro],
      ['hs_object_id', 'Record ID', 'number', 'number', ro],
    ],
  },
  deals: {
    group: ['dealinformation', 'Deal information'],
    props: [
      ['dealname', 'Deal Name', 'string', 'text'],
      ['amount', 'Amount', 'number', 'number'],
      ['pipeline', 'Pipeline', 'enumeration', 'select'],
      ['dealstage', 'Deal Stage', 'enumeration', 'radio'],
      ['closedate', 'Close Date', 'datetime', 'date'],
      ['deal_currency_code', 'Currency', 'enumeration', 'select', { values: currencies }],
      ['dealtype', 'Deal Type', 'enumeration', 'radio', { values: ['newbusiness', 'existingbusiness'] }],
      ['description', 'Deal Description', 'string', 'textarea'],
      ['hubspot_owner_id', 'Deal owner', 'string', 'text'],
      ['createdate', 'Create Date', 'datetime', 'date', { formField: false }],
      ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', ro],
      ['hs_object_id', 'Record ID', 'number', 'number', ro],
    ],
  },
  line_items: {
    group: ['lineiteminformation', 'Line item information'],
    props: [
      ['name', 'Name', 'string', 'text'],
      ['quantity', 'Quantity', 'number', 'number'],
      ['price', 'Unit price', 'number', 'number'],
      ['amount', 'Net price', 'number', 'number', { calculated: true, readOnlyValue: true }],
      ['discount', 'Unit discount', 'number', 'number'],
      ['hs_discount_percentage', 'Discount Percentage', 'number', 'number'],
      ['tax', 'Tax', 'number', 'number'],
      ['hs_product_id', 'Product ID', 'number', 'number'],
      ['hs_sku', 'SKU', 'string', 'text'],
      ['description', 'Description', 'string', 'textarea'],
      ['hs_line_item_currency_code', 'Currency', 'enumeration', 'select', { values: currencies }],
      ['recurringbillingfrequency', 'Billing frequency', 'enumeration', 'select', {
        values: ['weekly', 'biweekly', 'monthly', 'quarterly', 'per_six_months', 'annually', 'per_two_years', 'per_three_years'],
      }],
      ['hs_recurring_billing_period', 'Term', 'string', 'text'],
      ['createdate', 'Create Date', 'datetime', 'date', { formField: false }],
      ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', ro],
      ['hs_object_id', 'Record ID', 'number', 'number', ro],
    ],
  },
  notes: {
    group: ['engagement', 'Engagement'],
    props: [
      ['hs_timestamp', 'Activity date', 'datetime', 'date'],
      ['hs_note_body', 'Note body', 'string', 'html'],
      ['hubspot_owner_id', 'Activity assigned to', 'string', 'text'],
      ['hs_attachment_ids', 'Attached file IDs', 'enumeration', 'checkbox', { values: [] }],
      ['hs_createdate', 'Created at', 'datetime', 'date', { formField: false }],
      ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', ro],
      ['hs_object_id', 'Record ID', 'number', 'number', ro],
    ],
  },
  products: {
    group: ['productinformation', 'Product information'],
    props: [
      ['name', 'Name', 'string', 'text'],
      ['description', 'Description', 'string', 'textarea'],
      ['price', 'Unit price', 'number', 'number'],
      ['hs_sku', 'SKU', 'string', 'text'],
      ['hs_cost_of_goods_sold', 'Unit cost', 'number', 'number'],
      ['recurringbillingfrequency', 'Billing frequency', 'enumeration', 'select', {
        values: ['weekly', 'biweekly', 'monthly', 'quarterly', 'per_six_months', 'annually', 'per_two_years', 'per_three_years'],
      }],
      ['hs_recurring_billing_period', 'Term', 'string', 'text'],
      ['createdate', 'Create Date', 'datetime', 'date', { formField: false }],
      ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', ro],
      ['hs_object_id', 'Record ID', 'number', 'number', ro],
    ],
  },
};

/** HubSpot's free-form properties in the notes `hs_attachment_ids` enum accept any value; we skip option checks there. */
export const freeEnumerations = new Set(['hs_attachment_ids']);

export function optionsFrom(values: string[]): PropertyOption[] {
  return values.map((value, i) => ({ label: value, value, displayOrder: i, hidden: false }));
}

/** A fresh copy of the default properties and groups for one object type of a new portal. */
export function seedProperties(type: ObjectType, nowMs: number): { groups: PropertyGroupDef[]; properties: PropertyDef[] } {
  const seed = seeds[type];
  const groups: PropertyGroupDef[] = [{ name: seed.group[0], label: seed.group[1], displayOrder: 0, archived: false }];
  const properties = seed.props.map(([name, label, type, fieldType, extra = {}], i): PropertyDef => {
    const { values, ...rest } = extra;
    return {
      name,
      label,
      type,
      fieldType,
      description: '',
      groupName: seed.group[0],
      options: optionsFrom(values ?? []),
      displayOrder: i,
      hasUniqueValue: false,
      hidden: false,
      formField: true,
      hubspotDefined: true,
      readOnlyValue: false,
      calculated: false,
      createdAt: nowMs,
      updatedAt: nowMs,
      ...rest,
    };
  });
  return { groups, properties };
}
