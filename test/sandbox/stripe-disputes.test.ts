import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { rejection, targets, type StripeTarget } from './stripe-harness.js';

describe('Stripe disputes — sandbox', () => {
  let t: StripeTarget;
  beforeAll(async () => {
    t = await targets[0][1]();
  });
  afterAll(() => t.close());
  const paid = (paymentMethod: string) =>
    t.stripe.paymentIntents.create({ amount: 4200, currency: 'usd', payment_method: paymentMethod, confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
  const eventsOf = async (id: string) => (await t.stripe.events.list({ limit: 50 })).data.filter((e) => (e.data.object as { id?: string }).id === id).map((e) => e.type).reverse();

  it('the dispute card is charged, then disputed as fraudulent for the whole amount; losing evidence loses it', async () => {
    const pi = await paid('pm_card_createDispute');
    expect(pi.status).toBe('succeeded');
    const charge = (await t.stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] })).latest_charge as Stripe.Charge;
    expect(charge.disputed).toBe(true);
    const [dispute] = (await t.stripe.disputes.list({ payment_intent: pi.id })).data;
    expect(dispute).toMatchObject({ object: 'dispute', amount: 4200, charge: charge.id, payment_intent: pi.id, reason: 'fraudulent', status: 'needs_response' });
    expect((await t.stripe.disputes.retrieve(dispute!.id)).id).toBe(dispute!.id);

    const lost = await t.stripe.disputes.update(dispute!.id, { evidence: { uncategorized_text: 'losing_evidence' } });
    expect(lost.status).toBe('lost');
    expect(await eventsOf(dispute!.id)).toEqual(['charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed']);
    const err = await rejection(t.stripe.disputes.close(dispute!.id));
    expect(err.statusCode).toBe(400);
  });

  it('winning evidence wins; evidence saved without submitting keeps it open; other cards are not disputed', async () => {
    const pi = await paid('pm_card_createDispute');
    const [dispute] = (await t.stripe.disputes.list({ payment_intent: pi.id })).data;
    const saved = await t.stripe.disputes.update(dispute!.id, { evidence: { customer_name: 'Ada' }, submit: false });
    expect(saved).toMatchObject({ status: 'needs_response', evidence_details: { has_evidence: true, submission_count: 0 } });
    const won = await t.stripe.disputes.update(dispute!.id, { evidence: { uncategorized_text: 'winning_evidence' } });
    expect(won.status).toBe('won');
    const calm = await paid('pm_card_visa');
    expect((await t.stripe.disputes.list({ payment_intent: calm.id })).data).toEqual([]);
  });
});
