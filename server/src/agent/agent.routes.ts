import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { agentOnly, publicRoute } from '../access/rules.js';
import { errorResponses } from '../contract/schemas.js';
import { badRequest, notFound } from '../errors/problem.js';
import { originOf } from '../http/request-context.js';
import { DatabaseStore } from '../provisioning/database-store.js';
import type { HostedKind } from '../provisioning/reconciled-kind.js';
import { enrollAgent } from '../servers/enroll-agent.js';
import { recordHeartbeat } from '../servers/record-heartbeat.js';
import { heartbeatMs } from '../servers/server-status.js';
import { acmeChallengeRoutes } from './acme-challenges.routes.js';
import {
  Applied,
  ClaimBody,
  ClaimedWork,
  DriftBody,
  EnrollBody,
  Enrolled,
  Expected,
  Heartbeat,
  HeartbeatBody,
  HeldBody,
  HomesDue,
  HomesRemovedBody,
  kindParams,
  MeasuredBody,
  OutcomesBody,
  Released,
  RetryAt,
  WorkQuery,
} from './agent.schemas.js';
import { agentCronRoutes } from './agent-cron.routes.js';
import { acceptedAgentVersions, agentProtocolHeader, workPollMs } from './agent-protocol.js';
import { backupJobRoutes } from './backup-jobs.routes.js';
import { ChangeFeed } from './change-feed.js';

// The agent's contract is versioned on its own (agent-protocol.ts), not part of the public API document.
const hide = true;
const agent = { access: agentOnly, scope: null } as const;
// A bulk change hands an agent thousands of outcomes at once.
const bulkBodyLimit = 16 * 1024 * 1024;

/**
 * What an agent on a hosting server calls (`keel agent`): enrollment, heartbeats, a long poll for
 * work, the reconciler's store (provisioning/reconciler-store.ts), the cron scheduler's
 * (agent-cron.routes.ts), the backup runner's (backups/backup-job-store.ts) and the ACME
 * HTTP-01 answers (acme-challenges.routes.ts) over HTTP. Each call acts for the server whose
 * credential it carries, through the same database stores the panel's own reconciler, scheduler
 * and runner use, limited to that server's resources.
 */
export const agentRoutes =
  (kinds: readonly HostedKind[]): FastifyPluginAsyncTypebox =>
  async (app) => {
    const byNoun = new Map(kinds.map((kind) => [kind.noun, kind]));
    const KindParams = kindParams([...byNoun.keys()]);
    const kindOf = (noun: string) => {
      const kind = byNoun.get(noun);
      if (!kind) throw notFound('Kind');
      return kind;
    };
    const storeFor = (request: FastifyRequest) => {
      const server = request.agentServer;
      if (!server) throw new Error('agent route without an agent');
      const { db, signals, now, panelKey } = app.keel;
      return new DatabaseStore({
        db,
        server: { id: server.id },
        signals,
        panelKey,
        now,
        userAgent: `keel agent of ${server.name}`,
      });
    };
    // Lease holders are named after their server, so no agent can record outcomes of another's claims.
    const ownerOf = (request: FastifyRequest, owner: string) => `${request.agentServer?.id}/${owner}`;
    const feed = new ChangeFeed(app.keel.signals, app.keel.changeSource);
    app.addHook('preClose', async () => feed.close());

    app.addHook('onRequest', async (request) => {
      const version = Number(request.headers[agentProtocolHeader]);
      if (!acceptedAgentVersions.includes(version))
        throw badRequest(
          `This panel speaks agent protocol ${acceptedAgentVersions.join(' or ')} (the ${agentProtocolHeader} header); upgrade the agent.`,
        );
    });

    await app.register(agentCronRoutes);
    await app.register(acmeChallengeRoutes);
    await app.register(backupJobRoutes(kinds));

    app.post(
      '/enroll',
      {
        config: { access: publicRoute },
        schema: { hide, body: EnrollBody, response: { 201: Enrolled, ...errorResponses(400, 401) } },
      },
      async (request, reply) => {
        const enrolled = await enrollAgent(
          app.keel.db,
          request.body.token,
          originOf(request),
          app.keel.now(),
        );
        return reply.code(201).header('cache-control', 'no-store').send(enrolled);
      },
    );

    app.post(
      '/heartbeat',
      { config: agent, schema: { hide, body: HeartbeatBody, response: { 200: Heartbeat } } },
      async (request) => {
        const server = request.agentServer as NonNullable<typeof request.agentServer>;
        await recordHeartbeat(app.keel.db, server.id, request.body.agentVersion, app.keel.now());
        return { server, heartbeatMs };
      },
    );

    app.get(
      '/work',
      {
        config: agent,
        schema: { hide, querystring: WorkQuery, response: { 200: Type.Object({ changes: Type.Integer() }) } },
      },
      async (request) => ({ changes: await feed.after(request.query.after, workPollMs) }),
    );

    app.post(
      '/kinds/:kind/claims',
      {
        config: agent,
        schema: { hide, params: KindParams, body: ClaimBody, response: { 200: ClaimedWork } },
      },
      async (request) =>
        storeFor(request).claim(
          kindOf(request.params.kind),
          ownerOf(request, request.body.owner),
          request.body.limit,
        ),
    );

    app.post(
      '/kinds/:kind/outcomes',
      {
        config: agent,
        bodyLimit: bulkBodyLimit,
        schema: { hide, params: KindParams, body: OutcomesBody, response: { 200: RetryAt } },
      },
      async (request) => {
        const retryAt = await storeFor(request).recordOutcomes(
          kindOf(request.params.kind),
          ownerOf(request, request.body.owner),
          request.body.outcomes,
        );
        return { retryAt: retryAt?.toISOString() ?? null };
      },
    );

    app.post(
      '/kinds/:kind/held',
      { config: agent, bodyLimit: bulkBodyLimit, schema: { hide, params: KindParams, body: HeldBody } },
      async (request, reply) => {
        await storeFor(request).recordHeld(kindOf(request.params.kind), request.body.held);
        return reply.code(204).send();
      },
    );

    app.post(
      '/kinds/:kind/retry',
      { config: agent, schema: { hide, params: KindParams, response: { 200: Released } } },
      async (request) => ({ released: await storeFor(request).retryFailedNow(kindOf(request.params.kind)) }),
    );

    app.post('/release', { config: agent, schema: { hide } }, async (request, reply) => {
      await storeFor(request).releaseClaims(kinds);
      return reply.code(204).send();
    });

    app.get(
      '/kinds/:kind/applied',
      { config: agent, schema: { hide, params: KindParams, response: { 200: Applied } } },
      async (request) => storeFor(request).applied(kindOf(request.params.kind)),
    );

    app.get(
      '/kinds/:kind/expected',
      { config: agent, schema: { hide, params: KindParams, response: { 200: Expected } } },
      async (request) => {
        const expected = await storeFor(request).expected(kindOf(request.params.kind));
        return Object.fromEntries(
          Object.entries(expected).map(([item, { known, applied }]) => [
            item,
            { known: [...known], applied: [...applied] },
          ]),
        );
      },
    );

    app.post(
      '/kinds/:kind/drift',
      { config: agent, bodyLimit: bulkBodyLimit, schema: { hide, params: KindParams, body: DriftBody } },
      async (request, reply) => {
        await storeFor(request).reportDrift(kindOf(request.params.kind), request.body);
        return reply.code(204).send();
      },
    );

    app.get(
      '/homes/due',
      { config: agent, schema: { hide, response: { 200: HomesDue } } },
      async (request) => ({ customerIds: await storeFor(request).homesToRemove(kinds) }),
    );

    app.post(
      '/homes/removed',
      { config: agent, schema: { hide, body: HomesRemovedBody } },
      async (request, reply) => {
        await storeFor(request).homesRemoved(request.body.customerIds);
        return reply.code(204).send();
      },
    );

    app.post(
      '/kinds/:kind/measured',
      { config: agent, bodyLimit: bulkBodyLimit, schema: { hide, params: KindParams, body: MeasuredBody } },
      async (request, reply) => {
        await storeFor(request).recordMeasured(kindOf(request.params.kind), request.body.measured);
        return reply.code(204).send();
      },
    );
  };
