import type { Case, Preparer } from './types.js';

/** A's payment form offering A's price (runs after the catalog preparer). */
export const prepareForms: Preparer = async (w) => {
  const form = await w.a.owner.request('POST', '/api/v1/forms', { name: 'Alpha secret form', items: [{ priceId: w.objects.priceId }], selection: 'fixed' });
  if (form.statusCode !== 201) throw new Error(`form: ${form.statusCode} ${form.body}`);
  w.objects.formId = form.json().id;
};

export const formCases: Record<string, Case> = {
  'GET /api/v1/forms': { kind: 'collection' },
  // A form offering A's price: B must get a 404 for the price it names.
  'POST /api/v1/forms': { kind: 'object', body: (w) => ({ name: 'By B', items: [{ priceId: w.objects.priceId }], selection: 'fixed' }) },
  'GET /api/v1/forms/:formId': { kind: 'object', path: (w) => `/api/v1/forms/${w.objects.formId}` },
  'GET /api/v1/forms/:formId/receipt-preview': { kind: 'object', path: (w) => `/api/v1/forms/${w.objects.formId}/receipt-preview` },
  'PATCH /api/v1/forms/:formId': { kind: 'object', path: (w) => `/api/v1/forms/${w.objects.formId}`, body: () => ({ name: 'Renamed by B' }) },
  'POST /api/v1/forms/:formId/archive': { kind: 'object', path: (w) => `/api/v1/forms/${w.objects.formId}/archive`, body: () => ({}) },
};
