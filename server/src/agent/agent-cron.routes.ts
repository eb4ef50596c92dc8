import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { agentOnly } from '../access/rules.js';
import { errorResponses, iso } from '../contract/schemas.js';
import { DatabaseCronRunStore } from '../cron-jobs/cron-run-store.js';
import { notFound } from '../errors/problem.js';
import { CronClaimBody, CronJobIds, CronJobParams, CronRunBody, DueRuns } from './agent-cron.schemas.js';

const agent = { access: agentOnly, scope: null } as const;

/**
 * The cron scheduler's store (cron-jobs/cron-run-store.ts) for an agent: it runs the jobs of its
 * own server's customers, in its machine's homes, and reaches no other server's job.
 */
export const agentCronRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const storeFor = (request: FastifyRequest) => {
    const server = request.agentServer;
    if (!server) throw new Error('agent route without an agent');
    return new DatabaseCronRunStore({ db: app.keel.db, server: { id: server.id }, now: app.keel.now });
  };
  // Lease holders are named after their server, as the reconciler's are (agent.routes.ts).
  const ownerOf = (request: FastifyRequest, owner: string) => `${request.agentServer?.id}/${owner}`;

  app.post(
    '/cron/claims',
    { config: agent, schema: { hide: true, body: CronClaimBody, response: { 200: DueRuns } } },
    async (request) => {
      const { owner, leaseMs, limit } = request.body;
      const runs = await storeFor(request).claimDueRuns(ownerOf(request, owner), leaseMs, limit);
      return { runs: runs.map((run) => ({ ...run, due: iso(run.due) })) };
    },
  );

  app.post(
    '/cron/jobs/:cronJobId/runs',
    {
      config: agent,
      schema: { hide: true, params: CronJobParams, body: CronRunBody, response: errorResponses(404) },
    },
    async (request, reply) => {
      const { owner, at, exitCode, output } = request.body;
      const onServer = await storeFor(request).recordRun(ownerOf(request, owner), request.params.cronJobId, {
        at: new Date(at),
        exitCode,
        output,
      });
      if (!onServer) throw notFound('Cron job');
      return reply.code(204).send();
    },
  );

  app.post(
    '/cron/runnable',
    { config: agent, schema: { hide: true, body: CronJobIds, response: { 200: CronJobIds } } },
    async (request) => ({ ids: [...(await storeFor(request).stillRunnable(request.body.ids))] }),
  );
};
