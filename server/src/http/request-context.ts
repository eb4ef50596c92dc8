import type { FastifyRequest } from 'fastify';
import type { Actor, Origin } from '../access/actor.js';
import type { AccessRule } from '../access/rules.js';
import type { RouteScope } from '../access/scopes.js';
import type { AgentServer } from '../agent/agent-server.js';
import type { SessionRow } from '../auth/sessions.js';
import type { Context, Signals } from '../context.js';
import type { Database } from '../db/database.js';
import { unauthenticated } from '../errors/problem.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
    /** The API token scope the route needs; every route but a public one declares it. */
    scope?: RouteScope;
    /** Open to a session that must first choose its own password (security setting). */
    beforeOwnPassword?: true;
    /** Open to a session whose user must first set up two-factor sign-in (security setting). */
    beforeTwoFactorSetup?: true;
    /** Also open to `Authorization: Bearer <KEEL_METRICS_TOKEN>`, when that is set (scrapers). */
    metricsToken?: true;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The hosting server whose agent is calling (agent routes only). */
    agentServer: AgentServer | null;
    /** The cookie session behind the request, if it came with one. */
    session: SessionRow | null;
    /** The session may only choose the user's own password, see, or end itself. */
    passwordChangeRequired: boolean;
    /** The session may only set up two-factor sign-in, see, or end itself. */
    twoFactorSetupRequired: boolean;
  }
  interface FastifyInstance {
    keel: {
      db: Database;
      signals: Signals;
      now: () => Date;
      homesDir: string;
      mailHostname: string;
      nameservers: readonly string[];
      /** KEEL_METRICS_TOKEN: the bearer a metrics scraper sends instead of an admin's credential. */
      metricsToken: string | null;
      siteLogsDir: string;
      /** Opens the repositories' sealed passwords for agents' backup jobs; null serves no agent backups. */
      backupKey: (() => Promise<Buffer>) | null;
    };
  }
}

export const originOf = (request: FastifyRequest): Origin => ({
  ip: request.ip ?? null,
  userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
});

/** The use-case context of an authenticated request. */
export function contextOf(request: FastifyRequest): Context {
  if (!request.actor) throw unauthenticated();
  const { db, signals, now, mailHostname } = request.server.keel;
  return { db, signals, now, mailHostname, actor: request.actor, origin: originOf(request) };
}
