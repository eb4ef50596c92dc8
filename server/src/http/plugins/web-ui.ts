import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { notFound } from '../../errors/problem.js';
import { packagePath } from '../../package-root.js';

const webRoot = packagePath('web/dist');

/** The API's own paths: /api and what is under it, not a page such as /api-tokens. */
const apiPath = /^\/api(\/|\?|$)/;

/**
 * Serves the built web UI; any other GET outside /api gets index.html so the UI's own router
 * handles deep links. API paths that match no route get a problem document.
 */
async function webUi(app: FastifyInstance) {
  const hasUi = existsSync(`${webRoot}/index.html`);
  if (hasUi) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const isPage = request.method === 'GET' && !apiPath.test(request.url);
    if (hasUi && isPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    throw notFound('Route');
  });
}

export const webUiPlugin = fp(webUi, { name: 'keel-web-ui' });
