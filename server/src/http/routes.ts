import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { auditRoutes } from '../audit/audit.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { settingsRoutes } from '../settings/settings.routes.js';

/** Every area's routes; each is mounted under /api/v1. */
export const apiRoutes: FastifyPluginAsyncTypebox[] = [authRoutes, settingsRoutes, auditRoutes];
