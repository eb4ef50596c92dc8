import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { publicRoute } from '../../access/rules.js';
import { apiScopeNames } from '../../access/scopes.js';

// Ajv's own keywords (ajv-formats' bounds on a date-time) are no JSON Schema keywords: the document
// names them as extensions, so readers keep the bounds and validators do not trip on them.
const ajvKeywords = new Set(['formatMinimum', 'formatMaximum']);

function asExtensions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asExtensions);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      ajvKeywords.has(key) ? `x-${key}` : key,
      asExtensions(inner),
    ]),
  );
}

/**
 * OpenAPI 3.1 from the same schemas that validate requests, at /api/openapi.json and /api/docs.
 * Each operation's API token scope is in its security requirement and in `x-keel-scope`.
 */
async function openapi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Keel API',
        version: '1',
        description: 'The HTTP API of Keel, the web-hosting control panel. See docs/api.md.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'keel_session',
            description: 'The browser session set by login; state changes also send `x-csrf-token`.',
          },
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            description: `An API token (POST /api/v1/auth/tokens). A token limited to scopes reaches only the operations whose requirement names one of them: ${apiScopeNames.join(', ')}.`,
          },
          metricsToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'KEEL_METRICS_TOKEN, set by the operator for a metrics scraper: it reads /metrics only.',
          },
        },
      },
    },
    transformObject: (document) =>
      'openapiObject' in document
        ? (asExtensions(document.openapiObject) as typeof document.openapiObject)
        : document.swaggerObject,
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => (json.$id as string) || `schema${index}`,
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', logLevel: 'warn' });
  app.get('/api/openapi.json', { config: { access: publicRoute }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}

export const openapiPlugin = fp(openapi, { name: 'keel-openapi' });
