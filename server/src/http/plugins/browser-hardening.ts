import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isHttps } from '../session-cookie.js';

/**
 * What browsers may do with Keel's pages (ASVS 5.0 V3). Scripts come only from Keel itself, never
 * inline, so an injected `<script>` or `onclick=` does not run. Styles may be inline: Mantine sets
 * its theme variables in a `<style>` element and positions menus with `style=` attributes, and
 * the API reference at /api/docs does the same; a style cannot run code. Images may be `data:` URLs
 * for the API reference's icons. Nothing may frame a panel full of destructive buttons.
 */
export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

/** One year, the value browsers' preload lists ask for; sent only over HTTPS, where it means something. */
const strictTransportSecurity = 'max-age=31536000; includeSubDomains';

/** The versioned API: answers carry sessions' CSRF tokens, secrets shown once and tenants' data. */
const versionedApiPath = /^\/api\/v1\//;

async function browserHardening(app: FastifyInstance) {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // Helmet would send it over plain HTTP too, which browsers ignore; Keel sends it itself.
    strictTransportSecurity: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (isHttps(request)) reply.header('strict-transport-security', strictTransportSecurity);
    // No browser or proxy cache may keep an API answer: the next user of a shared computer would
    // find the last one's customers in the back button's cache.
    if (versionedApiPath.test(request.url)) reply.header('cache-control', 'no-store');
  });
}

export const browserHardeningPlugin = fp(browserHardening, { name: 'keel-browser-hardening' });
