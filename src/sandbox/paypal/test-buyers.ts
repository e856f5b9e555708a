import type { TestBuyer } from './store.js';

/**
 * Sandbox buyers shown on the approval page (and accepted by the programmatic approval).
 * Their outcome decides what happens when the merchant captures the order.
 */
export const testBuyers: readonly TestBuyer[] = [
  { key: 'buyer', email: 'buyer@sandbox.paypal.example', payerId: 'QYR5Z8XDVJNXQ', givenName: 'John', surname: 'Doe', outcome: 'complete', label: 'Pays (capture COMPLETED)' },
  {
    key: 'declined',
    email: 'declined@sandbox.paypal.example',
    payerId: 'DCLN8XDVJNXQ2',
    givenName: 'Dee',
    surname: 'Klein',
    outcome: 'instrument_declined',
    label: 'Funding declined (capture → 422 INSTRUMENT_DECLINED)',
  },
  {
    key: 'denied',
    email: 'denied@sandbox.paypal.example',
    payerId: 'DNYD8XDVJNXQ3',
    givenName: 'Dan',
    surname: 'Nied',
    outcome: 'capture_declined',
    label: 'Capture denied (capture status DECLINED)',
  },
  {
    key: 'pending',
    email: 'pending@sandbox.paypal.example',
    payerId: 'PNDG8XDVJNXQ4',
    givenName: 'Penny',
    surname: 'Ding',
    outcome: 'pending',
    label: 'Held for review (capture status PENDING)',
  },
];

export function findBuyer(keyOrEmail: string | undefined): TestBuyer | undefined {
  const wanted = (keyOrEmail ?? 'buyer').toLowerCase();
  return testBuyers.find((b) => b.key === wanted || b.email === wanted);
}
