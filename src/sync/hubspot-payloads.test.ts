import { describe, expect, it } from 'vitest';
import { contactProperties, dealProperties, majorUnits } from './hubspot-payloads.js';
import type { ContactState, SyncItem } from './load-sync-items.js';

const contact: ContactState = {
  id: 'ct_1',
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: '',
  phone: '',
  hubspotContactId: null,
  paymentsCount: 3,
  lifetimeValue: { usd: 12_345, eur: 500 },
  firstPurchaseAt: new Date('2026-03-04T23:59:00Z'),
  spentCurrency: 'usd',
  latest: { status: 'refunded', amount: 2500, currency: 'usd', at: new Date('2026-05-06T10:00:00Z'), productNames: ['T-shirt', 'Mug'] },
  products: [
    { id: 'prod_b', name: 'Mug' },
    { id: 'prod_a', name: 'T-shirt' },
  ],
  version: 'v',
};

const item = (over: Partial<SyncItem> = {}): SyncItem => ({
  transactionId: 'pay_1',
  status: 'succeeded',
  amount: 5000,
  amountRefunded: 0,
  currency: 'usd',
  provider: 'stripe',
  succeededAt: new Date('2026-05-06T10:00:00Z'),
  createdAt: new Date('2026-05-06T09:59:00Z'),
  updatedAt: new Date('2026-05-06T10:00:00Z'),
  version: 'v',
  hubspotDealId: null,
  dispute: null,
  items: [{ productId: 'prod_a', productName: 'T-shirt', nickname: '', quantity: 2, unitAmount: 2500 }],
  form: { dealPipeline: null, dealStage: null, refundStage: 'closedlost', syncFailedPayments: false },
  contact,
  sync: { dealComplete: false, attempts: 0, failingSince: null },
  ...over,
});

describe('HubSpot payloads', () => {
  it('writes amounts in major units without floating point, per currency', () => {
    expect([majorUnits(6234, 'usd'), majorUnits(5, 'usd'), majorUnits(0, 'eur'), majorUnits(500, 'jpy'), majorUnits(1234, 'bhd'), majorUnits(-150, 'usd')]).toEqual([
      '62.34',
      '0.05',
      '0.00',
      '500',
      '1.234',
      '-1.50',
    ]);
  });

  it("gives a contact its totals in the latest payment's currency, dates as UTC days, products as sorted option values, and no blank name", () => {
    expect(contactProperties(contact)).toEqual({
      email: 'ada@example.com',
      firstname: 'Ada',
      onepagepay_payment_count: '3',
      onepagepay_total_spent: '123.45',
      onepagepay_first_payment_date: '2026-03-04',
      onepagepay_last_payment_date: '2026-05-06',
      onepagepay_last_payment_amount: '25.00',
      onepagepay_last_product: 'T-shirt, Mug',
      onepagepay_last_payment_status: 'refunded',
      onepagepay_products_purchased: 'prod_a;prod_b',
    });
  });

  it('creates a deal in the default pipeline as closed won, then leaves its stage alone unless a full refund moves it', () => {
    expect(dealProperties(item())).toMatchObject({ dealname: 'T-shirt – Ada', amount: '50.00', pipeline: 'default', dealstage: 'closedwon', onepagepay_payment_id: 'pay_1' });
    const known = { hubspotDealId: '42' };
    expect(dealProperties(item({ ...known, status: 'partially_refunded', amountRefunded: 1000 }))).not.toHaveProperty('dealstage');
    expect(dealProperties(item({ ...known, status: 'partially_refunded', amountRefunded: 1000 })).amount).toBe('40.00');
    expect(dealProperties(item({ ...known, status: 'refunded', amountRefunded: 5000 }))).toMatchObject({ amount: '0.00', dealstage: 'closedlost', pipeline: 'default' });
    const noRefundStage = item({ ...known, status: 'refunded', amountRefunded: 5000, form: { ...item().form, refundStage: null } });
    expect(dealProperties(noRefundStage)).not.toHaveProperty('dealstage');
  });
});

describe('dealProperties and disputes', () => {
  it('sets onepagepay_dispute_status only once a payment is disputed (older portals lack the property)', () => {
    expect(dealProperties(item())).not.toHaveProperty('onepagepay_dispute_status');
    expect(dealProperties(item({ dispute: 'lost' }))).toMatchObject({ onepagepay_dispute_status: 'lost' });
  });
});
