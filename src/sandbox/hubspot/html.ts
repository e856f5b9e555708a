import type { FastifyRequest } from 'fastify';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The stand-in's origin as the caller reached it (Host header), so pages and scripts link back to the same place. */
export function originOf(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}
