import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** `__Host-` pins the cookie to this host and path / with Secure; only possible over https. */
export const sessionCookieName = (https: boolean) => (https ? '__Host-opp_session' : 'opp_session');

export function readSessionCookie(request: FastifyRequest, https: boolean): string | undefined {
  return request.cookies[sessionCookieName(https)];
}

export function setSessionCookie(reply: FastifyReply, https: boolean, id: string, maxAgeSeconds: number) {
  reply.setCookie(sessionCookieName(https), id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: https,
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, https: boolean) {
  reply.clearCookie(sessionCookieName(https), { path: '/', httpOnly: true, sameSite: 'lax', secure: https });
}
