import type { FastifyRequest } from 'fastify';
import type { FaultBodies } from '../faults.js';
import { newCorrelationId } from './errors.js';
import { tenSecondlyBody } from './rate-limit.js';

/**
 * Bodies of injected faults, shaped like HubSpot's, so the official client reacts as in production:
 * it retries 5xx briefly and 429s whose policyName is TEN_SECONDLY_ROLLING after ten seconds.
 */
export const hubspotFaultBodies: FaultBodies = {
  status503: (_req: FastifyRequest) => ({
    status: 'error',
    message: 'Service Unavailable: HubSpot is temporarily unavailable (sandbox outage).',
    correlationId: newCorrelationId(),
    category: 'SERVICE_UNAVAILABLE',
  }),
  status429: (_req: FastifyRequest) => ({
    headers: {
      'X-HubSpot-RateLimit-Max': '100',
      'X-HubSpot-RateLimit-Remaining': '0',
      'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
      'X-HubSpot-RateLimit-Daily': '250000',
      'X-HubSpot-RateLimit-Daily-Remaining': '249999',
    },
    body: tenSecondlyBody(),
  }),
  status500: (_req: FastifyRequest) => ({
    status: 'error',
    message: 'internal error',
    correlationId: newCorrelationId(),
    category: 'INTERNAL_ERROR',
  }),
};
