import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { agentOnly } from '../access/rules.js';
import { challengesFor, markChallengePlaced } from '../certificates/served-challenges.js';
import { errorResponses } from '../contract/schemas.js';
import { notFound } from '../errors/problem.js';
import { ChallengeParams, Challenges } from './acme-challenges.schemas.js';

const agent = { access: agentOnly, scope: null } as const;

/**
 * The HTTP-01 answers of ACME orders for sites on the agent's server
 * (certificates/relayed-challenges.ts): the agent reads them whenever the panel's long poll says
 * something changed, serves them from its nginx, and reports each one in place. Another server's
 * answers are neither listed nor reported on (404).
 */
export const acmeChallengeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const serverOf = (request: FastifyRequest) => {
    const server = request.agentServer;
    if (!server) throw new Error('agent route without an agent');
    return { id: server.id };
  };

  app.get(
    '/acme-challenges',
    { config: agent, schema: { hide: true, response: { 200: Challenges } } },
    async (request) => ({ challenges: await challengesFor(app.keel.db, serverOf(request)) }),
  );

  app.post(
    '/acme-challenges/:token/placed',
    { config: agent, schema: { hide: true, params: ChallengeParams, response: errorResponses(404) } },
    async (request, reply) => {
      const placed = await markChallengePlaced(
        app.keel.db,
        serverOf(request),
        request.params.token,
        app.keel.now(),
      );
      if (!placed) throw notFound('Challenge');
      return reply.code(204).send();
    },
  );
};
