import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { notFound } from '../../errors/problem.js';
import { packagePath } from '../../package-root.js';

const webRoot = packagePath('web/dist');

/** The API's own paths: /api and what is under it, not a page such as /api-tokens. */
const apiPath = /^\/api(\/|\?|$)/;

/** Vite's output folder for built files; each one's name carries a hash of its content. */
const assetsPath = /^\/assets\//;

/**
 * A hashed file never changes under its name, so browsers keep it a year without asking again;
 * index.html names the current ones, so browsers revalidate it (an ETag answered with 304) on
 * every load and see a new build at once.
 */
function cacheControl(file: string): string {
  return relative(webRoot, file).startsWith(`assets${sep}`)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

/**
 * Serves the built web UI; any other GET outside /api and /assets gets index.html so the UI's
 * own router handles deep links. API paths that match no route, and built files that do not
 * exist (a chunk of an older build), get a problem document rather than a page.
 */
async function webUi(app: FastifyInstance) {
  const hasUi = existsSync(`${webRoot}/index.html`);
  if (hasUi) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: ['index.html'],
      // The build writes file.br and file.gz beside each text file; they are sent in place of
      // the file when Accept-Encoding allows (with Vary: Accept-Encoding), never under their
      // own names.
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      cacheControl: false,
      setHeaders: (reply, file) => reply.header('cache-control', cacheControl(file)),
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const isPage = request.method === 'GET' && !apiPath.test(request.url) && !assetsPath.test(request.url);
    if (hasUi && isPage) return reply.sendFile('index.html');
    throw notFound('Route');
  });
}

export const webUiPlugin = fp(webUi, { name: 'keel-web-ui' });
