import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auth } from './auth.js';
import { optionsFrom, type PropertyDef } from './default-properties.js';
import { badRequest, notFound } from './errors.js';
import type { FormDef, FormField } from './form-types.js';
import { hubspotControlPrefix, portalParam } from './sandbox-controls.js';
import type { HubSpotStore, Portal } from './store.js';

interface FieldInput {
  name?: string;
  label?: string;
  fieldType?: string;
  required?: boolean;
  hidden?: boolean;
  defaultValue?: string;
  placeholder?: string;
  options?: ({ label?: string; value?: string } | string)[];
}

export interface CreateFormInput {
  name?: string;
  /** Extra fields after email, firstname and lastname (or instead of them with `replaceDefaultFields`). */
  fields?: FieldInput[];
  replaceDefaultFields?: boolean;
  submitText?: string;
  inlineMessage?: string;
  redirectUrl?: string;
}

const fieldTypes = ['text', 'email', 'phone', 'textarea', 'number', 'select', 'radio', 'checkbox', 'booleancheckbox', 'date', 'hidden'];
const defaultFields: FieldInput[] = [
  { name: 'email', label: 'Email', fieldType: 'email', required: true },
  { name: 'firstname', label: 'First name', fieldType: 'text' },
  { name: 'lastname', label: 'Last name', fieldType: 'text' },
];

/**
 * Adds the contact property behind a form field when the portal lacks it (HubSpot forms only hold
 * existing properties; the sandbox saves the extra step of creating it first).
 */
function ensureContactProperty(store: HubSpotStore, portal: Portal, field: FormField) {
  if (portal.properties.contacts.has(field.name)) return;
  const now = store.clock.nowMs();
  const enumerated = Boolean(field.options?.length);
  const def: PropertyDef = {
    name: field.name,
    label: field.label,
    type: enumerated ? 'enumeration' : field.fieldType === 'booleancheckbox' ? 'bool' : 'string',
    fieldType: enumerated ? (field.fieldType === 'checkbox' ? 'checkbox' : 'select') : field.fieldType === 'booleancheckbox' ? 'booleancheckbox' : 'text',
    description: 'Created by the sandbox for a form field',
    groupName: 'contactinformation',
    options: field.fieldType === 'booleancheckbox' ? optionsFrom(['true', 'false']) : (field.options ?? []).map((o, i) => ({ ...o, displayOrder: i, hidden: false })),
    displayOrder: -1,
    hasUniqueValue: false,
    hidden: false,
    formField: true,
    hubspotDefined: false,
    readOnlyValue: false,
    calculated: false,
    createdAt: now,
    updatedAt: now,
  };
  portal.properties.contacts.set(def.name, def);
}

function checkField(input: FieldInput): FormField {
  if (!input?.name || !/^[a-z][a-z0-9_]*$/.test(input.name)) throw badRequest(`Invalid form field name: ${input?.name ?? '(missing)'}`);
  const fieldType = input.hidden ? 'hidden' : (input.fieldType ?? 'text');
  if (!fieldTypes.includes(fieldType)) throw badRequest(`Invalid fieldType ${fieldType}; expected one of ${fieldTypes.join(', ')}`);
  const options = input.options?.map((o) => (typeof o === 'string' ? { label: o, value: o } : { label: o.label ?? String(o.value), value: String(o.value) }));
  return {
    name: input.name,
    label: input.label ?? input.name,
    fieldType,
    required: input.required ?? false,
    hidden: fieldType === 'hidden',
    objectTypeId: '0-1',
    defaultValue: input.defaultValue,
    placeholder: input.placeholder,
    options,
  };
}

/** Creates a form in a portal (a sandbox control; real forms are made in HubSpot's UI). */
export function createForm(store: HubSpotStore, portal: Portal, input: CreateFormInput = {}): FormDef {
  const inputs = [...(input.replaceDefaultFields ? [] : defaultFields), ...(input.fields ?? [])];
  const fields = inputs.map(checkField);
  const names = new Set<string>();
  for (const f of fields) {
    if (names.has(f.name)) throw badRequest(`Duplicate form field ${f.name}`);
    names.add(f.name);
  }
  for (const f of fields) ensureContactProperty(store, portal, f);
  const now = store.clock.nowMs();
  const form: FormDef = {
    guid: randomUUID(),
    portalId: portal.portalId,
    name: input.name ?? `Sandbox form ${portal.forms.size + 1}`,
    fields,
    submitText: input.submitText ?? 'Submit',
    inlineMessage: input.inlineMessage ?? 'Thanks for submitting the form.',
    redirectUrl: input.redirectUrl,
    createdAt: now,
    updatedAt: now,
  };
  portal.forms.set(form.guid, form);
  return form;
}

const v3FieldType: Record<string, string> = {
  text: 'single_line_text', email: 'email', phone: 'phone', textarea: 'multi_line_text', number: 'number',
  select: 'dropdown', radio: 'radio', checkbox: 'multiple_checkboxes', booleancheckbox: 'single_checkbox', date: 'datepicker', hidden: 'single_line_text',
};

/** Marketing Forms v3 shape. */
export function renderFormV3(form: FormDef) {
  return {
    id: form.guid,
    name: form.name,
    formType: 'hubspot',
    createdAt: new Date(form.createdAt).toISOString(),
    updatedAt: new Date(form.updatedAt).toISOString(),
    archived: false,
    fieldGroups: form.fields.map((f) => ({
      groupType: 'default_group',
      richTextType: 'text',
      fields: [{ objectTypeId: f.objectTypeId, name: f.name, label: f.label, required: f.required, hidden: f.hidden, fieldType: v3FieldType[f.fieldType], ...(f.options ? { options: f.options } : {}) }],
    })),
    configuration: { language: 'en', postSubmitAction: form.redirectUrl ? { type: 'redirect_url', value: form.redirectUrl } : { type: 'thank_you', value: form.inlineMessage } },
    displayOptions: { submitButtonText: form.submitText },
    legalConsentOptions: { type: 'none' },
  };
}

/** The definition the embed script renders (also shaped like the Forms v2 API). */
export function renderFormV2(form: FormDef) {
  return {
    portalId: form.portalId,
    guid: form.guid,
    name: form.name,
    submitText: form.submitText,
    inlineMessage: form.inlineMessage,
    redirect: form.redirectUrl ?? '',
    createdAt: form.createdAt,
    updatedAt: form.updatedAt,
    formFieldGroups: form.fields.map((f) => ({
      fields: [{ name: f.name, label: f.label, fieldType: f.fieldType, required: f.required, hidden: f.hidden, enabled: true, defaultValue: f.defaultValue ?? '', placeholder: f.placeholder ?? '', objectTypeId: f.objectTypeId, options: f.options ?? [] }],
    })),
  };
}

export function findForm(store: HubSpotStore, portalId: number, guid: string) {
  const portal = store.portals.get(portalId);
  const form = portal?.forms.get(guid);
  return portal && form ? { portal, form } : undefined;
}

function authForm(store: HubSpotStore, req: FastifyRequest) {
  const { portal } = auth(req);
  const guid = (req.params as { formId: string }).formId;
  const form = portal.forms.get(guid);
  if (!form) throw notFound(`Form ${guid} does not exist`);
  return form;
}

/** Sandbox form creation, the Forms APIs (v3 and v2) and the public definition the embed script reads. */
export async function registerFormRoutes(app: FastifyInstance, store: HubSpotStore) {
  app.post(`${hubspotControlPrefix}/portals/:portalId/forms`, async (req, reply) => {
    const form = createForm(store, portalParam(store, req), (req.body ?? {}) as CreateFormInput);
    return reply.code(201).send({ ...renderFormV2(form), formId: form.guid });
  });

  app.get(`${hubspotControlPrefix}/portals/:portalId/forms`, async (req) => ({
    results: [...portalParam(store, req).forms.values()].map(renderFormV2),
  }));

  app.get('/embed/v3/form/:portalId/:formId/json', async (req, reply) => {
    const { portalId, formId } = req.params as { portalId: string; formId: string };
    const found = findForm(store, Number(portalId), formId);
    reply.header('Access-Control-Allow-Origin', '*');
    if (!found) return reply.code(404).send({ status: 'error', message: `Form ${formId} not found in portal ${portalId}` });
    return { form: renderFormV2(found.form) };
  });
}

/** Forms APIs behind a token (registered in the authenticated scope). */
export async function registerAuthedFormRoutes(app: FastifyInstance, store: HubSpotStore) {
  const listV3 = async (req: FastifyRequest) => ({ results: [...auth(req).portal.forms.values()].map(renderFormV3) });
  app.get('/marketing/v3/forms/', listV3);
  app.get('/marketing/v3/forms', listV3);
  app.get('/marketing/v3/forms/:formId', async (req) => renderFormV3(authForm(store, req)));
  app.get('/forms/v2/forms/:formId', async (req) => renderFormV2(authForm(store, req)));
  app.get('/forms/v2/forms', async (req) => [...auth(req).portal.forms.values()].map(renderFormV2));
}
