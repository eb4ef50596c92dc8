import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | null = null;

/** Remembers the session's CSRF token; every state-changing request then carries it. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

const csrfHeader: Middleware = {
  onRequest({ request }) {
    if (csrfToken && unsafeMethods.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

/** The one typed client of the Keel API; paths and bodies come from the OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrfHeader);
