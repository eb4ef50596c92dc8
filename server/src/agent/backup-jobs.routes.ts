import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { agentOnly } from '../access/rules.js';
import { DatabaseBackupJobs, JobNotHeld } from '../backups/database-backup-jobs.js';
import { errorResponses } from '../contract/schemas.js';
import { notFound } from '../errors/problem.js';
import type { HostedKind } from '../provisioning/reconciled-kind.js';
import {
  Claimed,
  Failures,
  FinishBody,
  Interrupted,
  JobParams,
  ProgressBody,
  Readiness,
  ReadinessQuery,
  ResourcesBody,
  RunnerBody,
} from './backup-jobs.schemas.js';

const hide = true;
const agent = { access: agentOnly, scope: null } as const;
// A restore hands back the customer's whole resource list.
const resourcesBodyLimit = 16 * 1024 * 1024;

/**
 * The backup runner's store (backups/backup-job-store.ts) over HTTP: an agent claims the backups,
 * restores and clean-ups of its own server's customers, runs them on its machine and reports
 * back. Each job's repository password goes out with its claim only (never cached: no-store);
 * every call names a job running on the agent's own server, or is 404.
 */
export const backupJobRoutes =
  (kinds: readonly HostedKind[]): FastifyPluginAsyncTypebox =>
  async (app) => {
    const storeFor = async (request: FastifyRequest, runner = 'agent') => {
      const server = request.agentServer;
      const { db, signals, now, panelKey } = app.keel;
      if (!server) throw notFound('Backup jobs');
      return new DatabaseBackupJobs({
        db,
        server: { id: server.id },
        // Runners are named after their server, so no agent takes another's leases for its own.
        runner: `${server.id}/${runner}`,
        // One agent per server: a job its earlier run left running is that run's, and it is gone.
        sole: true,
        key: panelKey,
        kinds,
        signals,
        now,
        userAgent: `keel agent of ${server.name}`,
      });
    };
    const held = async <Answer>(step: () => Promise<Answer>) => {
      try {
        return await step();
      } catch (error) {
        if (error instanceof JobNotHeld) throw notFound('Backup job');
        throw error;
      }
    };

    app.post(
      '/backup-jobs/claims',
      { config: agent, schema: { hide, body: RunnerBody, response: { 200: Claimed } } },
      async (request, reply) => {
        const store = await storeFor(request, request.body.runner);
        return reply.header('cache-control', 'no-store').send({ claimed: await store.claim() });
      },
    );

    app.post(
      '/backup-jobs/interrupted',
      { config: agent, schema: { hide, body: RunnerBody, response: { 200: Interrupted } } },
      async (request, reply) => {
        const store = await storeFor(request, request.body.runner);
        return reply.header('cache-control', 'no-store').send({ jobs: await store.interrupted() });
      },
    );

    app.post(
      '/backup-jobs/:jobId/progress',
      {
        config: agent,
        schema: { hide, params: JobParams, body: ProgressBody, response: errorResponses(404) },
      },
      async (request, reply) => {
        const store = await storeFor(request);
        await held(() => store.progress(request.params.jobId, request.body.step));
        return reply.code(204).send();
      },
    );

    app.post(
      '/backup-jobs/:jobId/finish',
      { config: agent, schema: { hide, params: JobParams, body: FinishBody, response: errorResponses(404) } },
      async (request, reply) => {
        const store = await storeFor(request);
        await held(() => store.finish(request.params.jobId, request.body));
        return reply.code(204).send();
      },
    );

    app.post(
      '/backup-jobs/:jobId/resources',
      {
        config: agent,
        bodyLimit: resourcesBodyLimit,
        schema: {
          hide,
          params: JobParams,
          body: ResourcesBody,
          response: { 200: Failures, ...errorResponses(404) },
        },
      },
      async (request) => {
        const store = await storeFor(request);
        return {
          failures: await held(() => store.restoreResources(request.params.jobId, request.body.resources)),
        };
      },
    );

    app.get(
      '/backup-jobs/:jobId/readiness',
      {
        config: agent,
        schema: {
          hide,
          params: JobParams,
          querystring: ReadinessQuery,
          response: { 200: Readiness, ...errorResponses(404) },
        },
      },
      async (request) => {
        const store = await storeFor(request);
        const { noun, name } = request.query;
        return held(() => store.readiness(request.params.jobId, noun, name));
      },
    );
  };
