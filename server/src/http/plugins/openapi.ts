import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { publicRoute } from '../../access/rules.js';

/** OpenAPI 3.1 from the same schemas that validate requests, at /api/openapi.json and /api/docs. */
async function openapi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Keel API',
        version: '1',
        description: 'The HTTP API of Keel, the web-hosting control panel. See docs/api.md.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'keel_session' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
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
