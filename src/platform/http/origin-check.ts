import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** The origins the dashboard is served from: PUBLIC_URL's, and the request's own host. */
export function sameOrigin(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (origin === new URL(publicUrl).origin) return true;
  const host = request.headers.host;
  return host !== undefined && (origin === `${request.protocol}://${host}`);
}

/**
 * Private API: a state-changing request from another site is refused before anything runs,
 * by `Sec-Fetch-Site` (sent by browsers) and by `Origin`.
 */
export function assertSameSite(request: FastifyRequest, publicUrl: string) {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new AppError('cross_origin_refused', 'Cross-site requests to the private API are refused.');
  }
  if (!sameOrigin(request, publicUrl)) {
    throw new AppError('cross_origin_refused', 'Cross-origin requests to the private API are refused.');
  }
}
