import type { FastifyReply, FastifyRequest } from 'fastify';

const plainName = 'keel_session';
// Over HTTPS the __Host- prefix pins the cookie to this host, Secure and Path=/.
const hostName = '__Host-keel_session';

export const isHttps = (request: FastifyRequest) => request.protocol === 'https';

export function readSessionCookie(request: FastifyRequest): string | null {
  return request.cookies[hostName] ?? request.cookies[plainName] ?? null;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expires: Date) {
  reply.setCookie(isHttps(request) ? hostName : plainName, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: isHttps(request),
    expires,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(isHttps(request) ? hostName : plainName, { path: '/', secure: isHttps(request) });
}
