import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { agentRoutes } from '../agent/agent.routes.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { redeemLoginLinkRoutes } from '../auth/login-link.routes.js';
import { backupRoutes } from '../backups/backups.routes.js';
import { customerRoutes } from '../customers/customers.routes.js';
import { impersonationRoutes } from '../customers/impersonation.routes.js';
import { loginLinkRoutes } from '../customers/login-link.routes.js';
import { healthRoutes } from '../health/health.routes.js';
import { hostedRoutes } from '../hosting/hosted.routes.js';
import { mailDomainRoutes } from '../mail/mail-domains.routes.js';
import { metricsRoutes } from '../metrics/metrics.routes.js';
import { moveRoutes } from '../moves/moves.routes.js';
import { packageRoutes } from '../packages/packages.routes.js';
import { resellerRoutes } from '../resellers/resellers.routes.js';
import { hostingKinds, resourceKinds } from '../resource-kinds.js';
import { serverRoutes } from '../servers/servers.routes.js';
import { settingsRoutes } from '../settings/settings.routes.js';
import { twoFactorRoutes } from '../two-factor/two-factor.routes.js';
import { certificateRoutes } from '../websites/certificate.routes.js';
import { websiteLogRoutes } from '../websites/website-log.routes.js';

/** Every area's routes, and each resource kind's own and shared ones; each is mounted under /api/v1. */
export const apiRoutes: FastifyPluginAsyncTypebox[] = [
  authRoutes,
  twoFactorRoutes,
  settingsRoutes,
  auditRoutes,
  customerRoutes(hostingKinds),
  resellerRoutes,
  packageRoutes,
  serverRoutes,
  moveRoutes,
  impersonationRoutes,
  loginLinkRoutes,
  redeemLoginLinkRoutes,
  mailDomainRoutes,
  backupRoutes,
  certificateRoutes,
  websiteLogRoutes,
  ...resourceKinds.map((registered) => hostedRoutes(registered.kind, registered.routes)),
];

/** Routes for operators' tools outside /api (probes and metrics), each with its access rule too. */
export const rootRoutes: FastifyPluginAsyncTypebox[] = [healthRoutes, metricsRoutes(hostingKinds)];
/** What hosting servers' agents call, mounted under /api/agent/v1 (agent/agent-protocol.ts). */
export const agentApiRoutes = agentRoutes(hostingKinds);
