import { describe, expect, it } from 'vitest';
import type { Connection, PaymentForm, Product } from '../../web/dashboard/src/api/types.js';
import { onboardingComplete, onboardingSteps } from '../../web/dashboard/src/lib/onboarding.js';

const connection = (provider: Connection['provider'], mode: Connection['mode'], connected = true) => ({ provider, mode, connected }) as Connection;
const product = (archived = false) => ({ archived }) as Product;
const form = (archived = false) => ({ archived }) as PaymentForm;
const done = (steps: ReturnType<typeof onboardingSteps>) => Object.fromEntries(steps.map((s) => [s.id, s.done]));

describe('the onboarding checklist', () => {
  it('reads each step from the current mode’s state only', () => {
    const steps = onboardingSteps({
      mode: 'test',
      connections: [connection('stripe', 'live'), connection('hubspot', 'test'), connection('stripe', 'test', false)],
      products: [product(true)],
      forms: [form()],
      embedCopied: false,
    });
    expect(done(steps)).toEqual({ stripe: false, hubspot: true, paypal: false, product: false, form: true, embed: false });
    expect(onboardingComplete(steps)).toBe(false);
  });

  it('is complete without the optional PayPal step', () => {
    const steps = onboardingSteps({
      mode: 'live',
      connections: [connection('stripe', 'live'), connection('hubspot', 'live')],
      products: [product()],
      forms: [form()],
      embedCopied: true,
    });
    expect(steps.find((s) => s.id === 'paypal')).toMatchObject({ done: false, optional: true });
    expect(onboardingComplete(steps)).toBe(true);
  });
});
