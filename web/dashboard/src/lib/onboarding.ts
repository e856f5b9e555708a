import type { Connection, Mode, PaymentForm, Product } from '../api/types.js';

export type StepId = 'stripe' | 'hubspot' | 'paypal' | 'product' | 'form' | 'embed';

export interface OnboardingStep {
  id: StepId;
  title: string;
  description: string;
  done: boolean;
  optional: boolean;
}

export const embedCopiedFlag = (accountId: string, mode: Mode) => `embed-copied:${accountId}:${mode}`;
export const checklistHiddenFlag = (accountId: string) => `checklist-hidden:${accountId}`;

/** The first-run checklist of the current mode, from what the account already has. */
export function onboardingSteps(input: { mode: Mode; connections: Connection[]; products: Product[]; forms: PaymentForm[]; embedCopied: boolean }): OnboardingStep[] {
  const connected = (provider: Connection['provider']) => input.connections.some((c) => c.provider === provider && c.mode === input.mode && c.connected);
  return [
    { id: 'stripe', title: 'Connect Stripe', description: 'Card payments go to your Stripe account. No Stripe account yet? Use the sandbox.', done: connected('stripe'), optional: false },
    { id: 'hubspot', title: 'Connect HubSpot', description: 'Payments become contacts, deals and line items in HubSpot.', done: connected('hubspot'), optional: false },
    { id: 'paypal', title: 'Connect PayPal', description: 'Optional: let buyers pay with PayPal next to the card form.', done: connected('paypal'), optional: true },
    { id: 'product', title: 'Create a product', description: 'What you sell, with a price (or a custom amount the buyer chooses).', done: input.products.some((p) => !p.archived), optional: false },
    { id: 'form', title: 'Create a payment form', description: 'Choose the products it offers and bind it to your HubSpot form.', done: input.forms.some((f) => !f.archived), optional: false },
    { id: 'embed', title: 'Copy the embed code', description: 'Paste it next to your HubSpot form, or share the hosted payment link.', done: input.embedCopied, optional: false },
  ];
}

export const onboardingComplete = (steps: OnboardingStep[]) => steps.every((s) => s.done || s.optional);
