import { describe, expect, it } from 'vitest';
import type { DealPipeline, PaymentForm, Price } from '../../web/dashboard/src/api/types.js';
import { currencyWarning, draftOfForm, emptyFormDraft, formInputOf, withPipeline, withPrices } from '../../web/dashboard/src/screens/forms/form-draft.js';

const price = (id: string, extra: Partial<Price> = {}): Price => ({
  id,
  object: 'price',
  mode: 'test',
  productId: 'prod_1',
  nickname: '',
  type: 'fixed',
  currency: 'usd',
  unitAmount: 1000,
  maxQuantity: 1,
  minAmount: null,
  maxAmount: null,
  display: '$10.00',
  archived: false,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  ...extra,
});
const prices = [price('price_a'), price('price_b'), price('price_eur', { currency: 'eur' }), price('price_c1', { type: 'custom' }), price('price_c2', { type: 'custom' })];

describe('the payment form editor', () => {
  it('keeps the selection consistent with the number of prices', () => {
    const one = withPrices(emptyFormDraft(), ['price_a']);
    expect(one.selection).toBe('fixed');
    const two = withPrices(one, ['price_a', 'price_b']);
    expect(two.selection).toBe('pick_one');
    expect(withPrices({ ...two, selection: 'pick_many' }, ['price_a', 'price_b', 'price_c1']).selection).toBe('pick_many');
    expect(withPrices(two, ['price_b']).selection).toBe('fixed');
  });

  it('builds the API body: optional fields cleared to null, origins normalized, currency from the prices', () => {
    const draft = {
      ...withPrices(emptyFormDraft(), ['price_a', 'price_b']),
      name: ' Summit ',
      portalId: '123',
      dealPipeline: 'default',
      dealStage: 'closedwon',
      completion: 'redirect' as const,
      redirectUrl: 'https://shop.example.com/thanks',
      successMessage: 'ignored: not chosen',
      allowedDomains: 'https://shop.example.com/\nhttp://localhost:8080, ',
    };
    expect(formInputOf(draft, prices)).toEqual({
      input: {
        name: 'Summit',
        items: [{ priceId: 'price_a' }, { priceId: 'price_b' }],
        selection: 'pick_one',
        currency: 'usd',
        hubspot: { portalId: '123', formId: null },
        successMessage: null,
        redirectUrl: 'https://shop.example.com/thanks',
        allowedDomains: ['https://shop.example.com', 'http://localhost:8080'],
        providers: ['stripe', 'paypal'],
        sendReceipts: true,
        sync: { dealPipeline: 'default', dealStage: 'closedwon', refundStage: null, syncFailedPayments: false },
      },
    });
  });

  it('names each problem before anything is sent', () => {
    expect(formInputOf(emptyFormDraft(), prices)).toEqual({ errors: { name: 'Give the form a name.', items: 'Choose at least one price.' } });
  });

  it('refuses mixed currencies, two custom amounts, bad portal ids and origins with paths', () => {
    const errorsOf = (patch: object, ids: string[]) => {
      const result = formInputOf({ ...withPrices(emptyFormDraft(), ids), name: 'x', ...patch }, prices);
      return 'errors' in result ? result.errors : {};
    };
    expect(errorsOf({}, ['price_a', 'price_eur']).items).toBe('Every price on a form must be in the same currency.');
    expect(errorsOf({}, ['price_c1', 'price_c2']).items).toBe('A form can offer one custom amount at most.');
    expect(errorsOf({ portalId: 'abc' }, ['price_a']).portalId).toMatch(/is a number/);
    expect(errorsOf({ allowedDomains: 'https://shop.example.com/pay' }, ['price_a']).allowedDomains).toMatch(/is not an origin/);
    expect(errorsOf({ completion: 'message', successMessage: ' ' }, ['price_a']).successMessage).toBeDefined();
    expect(errorsOf({ completion: 'redirect', redirectUrl: 'shop.example.com' }, ['price_a']).redirectUrl).toMatch(/https:\/\//);
    expect(errorsOf({ providers: [] }, ['price_a']).providers).toBe('Choose at least one way to pay.');
  });

  it('asks for the paid stage of a pipeline other than the default (closedwon is the default pipeline’s)', () => {
    const draft = { ...withPrices(emptyFormDraft(), ['price_a']), name: 'x', dealPipeline: '75e28846' };
    expect(formInputOf(draft, prices)).toEqual({ errors: { dealStage: expect.stringMatching(/^Choose the stage paid deals go to/) } });
    expect(formInputOf({ ...draft, dealStage: '93012345' }, prices)).toMatchObject({ input: { sync: { dealPipeline: '75e28846', dealStage: '93012345' } } });
    expect(formInputOf({ ...draft, dealPipeline: 'default' }, prices)).toMatchObject({ input: { sync: { dealStage: null } } });
  });

  it('picking a pipeline keeps the stages it has, takes its won stage for paid deals and clears a refund stage it lacks', () => {
    const stage = (id: string, closed = false, probability: number | null = 0.5) => ({ id, label: id, displayOrder: 0, closed, probability });
    const sales: DealPipeline = { id: 'default', label: 'Sales Pipeline', displayOrder: 0, stages: [stage('contractsent'), stage('closedwon', true, 1), stage('closedlost', true, 0)] };
    const workshops: DealPipeline = { id: '101', label: 'Workshops', displayOrder: 1, stages: [stage('201'), stage('202', true, 1), stage('203', true, 0)] };
    const start = { ...emptyFormDraft(), refundStage: 'closedlost' };
    const moved = withPipeline(start, workshops);
    expect(moved).toMatchObject({ dealPipeline: '101', dealStage: '202', refundStage: '' });
    expect(withPipeline({ ...moved, dealStage: '201', refundStage: '203' }, workshops)).toMatchObject({ dealStage: '201', refundStage: '203' });
    expect(withPipeline(moved, sales)).toMatchObject({ dealPipeline: 'default', dealStage: 'closedwon', refundStage: '' });
    expect(withPipeline(start, { ...workshops, stages: [stage('201')] })).toMatchObject({ dealStage: '' });
  });

  it('round-trips a saved form', () => {
    const form = {
      name: 'Saved',
      items: [{ priceId: 'price_a' }],
      selection: 'fixed',
      hubspot: { portalId: '9', formId: 'abc-def' },
      successMessage: 'Thanks!',
      redirectUrl: null,
      allowedDomains: ['https://a.example'],
      providers: ['paypal'],
      sync: { dealPipeline: null, dealStage: null, refundStage: 'closedlost', syncFailedPayments: true },
    } as unknown as PaymentForm;
    const result = formInputOf(draftOfForm(form), prices);
    expect(result).toMatchObject({ input: { name: 'Saved', successMessage: 'Thanks!', hubspot: { portalId: '9', formId: 'abc-def' }, allowedDomains: ['https://a.example'], providers: ['paypal'] } });
    expect(result).toMatchObject({ input: { sync: { refundStage: 'closedlost', syncFailedPayments: true } } });
  });
});

describe('currencyWarning', () => {
  it('warns when the connected portal does not take the form currency, and says what to do', () => {
    const warning = currencyWarning('eur', ['USD', 'GBP']);
    expect(warning).toMatch(/takes deals in USD, GBP only/);
    expect(warning).toMatch(/Add EUR in HubSpot \(Settings → Account defaults → Currency\), then reconnect HubSpot here/);
  });
  it('says nothing when the portal takes it, when its currencies are unknown, or before prices are chosen', () => {
    expect(currencyWarning('usd', ['USD', 'GBP'])).toBeNull();
    expect(currencyWarning('eur', [])).toBeNull();
    expect(currencyWarning(undefined, ['USD'])).toBeNull();
  });
});
