import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { auditRoutes } from '../audit/audit.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { customerRoutes } from '../customers/customers.routes.js';
import { impersonationRoutes } from '../customers/impersonation.routes.js';
import { databaseRoutes } from '../databases/databases.routes.js';
import { dnsZoneRoutes } from '../dns-zones/dns-zones.routes.js';
import { packageRoutes } from '../packages/packages.routes.js';
import { resellerRoutes } from '../resellers/resellers.routes.js';
import { settingsRoutes } from '../settings/settings.routes.js';
import { websiteRoutes } from '../websites/websites.routes.js';

/** Every area's routes; each is mounted under /api/v1. */
export const apiRoutes: FastifyPluginAsyncTypebox[] = [
  authRoutes,
  settingsRoutes,
  auditRoutes,
  customerRoutes,
  resellerRoutes,
  packageRoutes,
  impersonationRoutes,
  websiteRoutes,
  databaseRoutes,
  dnsZoneRoutes,
];
