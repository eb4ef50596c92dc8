import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authRoutes } from '../auth/auth.routes.js';

/** Every area's routes; each is mounted under /api/v1. */
export const apiRoutes: FastifyPluginAsyncTypebox[] = [authRoutes];
