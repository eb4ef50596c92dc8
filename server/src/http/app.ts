import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Signals } from '../context.js';
import { ProblemDocument } from '../contract/schemas.js';
import type { Database } from '../db/database.js';
import { httpMetricsPlugin } from '../metrics/http-metrics.js';
import { bodyIsAnObject } from './body-hooks.js';
import { clientErrorHandler, frameworkErrors } from './framework-refusals.js';
import { pathObjectLookups } from './path-object-lookups.js';
import { accessDeclaredPlugin } from './plugins/access-declared.js';
import { authenticatePlugin } from './plugins/authenticate.js';
import { browserHardeningPlugin } from './plugins/browser-hardening.js';
import { idempotencyPlugin } from './plugins/idempotency.js';
import { openapiPlugin } from './plugins/openapi.js';
import { pathObjectsPlugin } from './plugins/path-objects.js';
import { problemsPlugin } from './plugins/problems.js';
import { webUiPlugin } from './plugins/web-ui.js';
import { agentApiRoutes, apiRoutes, rootRoutes } from './routes.js';
import { validatorCompiler } from './validation.js';

export interface AppOptions {
  db: Database;
  signals: Signals;
  now?: () => Date;
  trustedProxies?: string[];
  /** Where customers' home directories live, for the document roots the API shows. */
  homesDir: string;
  /** The mail host customers' domains point their MX at (KEEL_MAIL_HOSTNAME). */
  mailHostname: string;
  /** The name servers Keel's zones name (KEEL_DNS_NAMESERVERS); empty when Keel serves no DNS. */
  nameservers: readonly string[];
  /** Where Keel's nginx writes each website's access and error log, which its customer may read. */
  siteLogsDir: string;
  /** KEEL_METRICS_TOKEN: a bearer that reads /metrics and nothing else; null leaves it to admins. */
  metricsToken?: string | null;
  /** The backup key (backups/repository-key.ts), for the jobs agents run; without it they get none. */
  backupKey?: () => Promise<Buffer>;
  logger?: FastifyServerOptions['logger'];
}

export const bodyLimitBytes = 1024 * 1024;

/** Assembles the HTTP app: plugins in order, then every area's routes under /api/v1. */
export async function buildApp(options: AppOptions) {
  const trusted = options.trustedProxies ?? [];
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: bodyLimitBytes,
    trustProxy: trusted.length > 0 ? trusted : false,
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('keel', {
    db: options.db,
    signals: options.signals,
    now: options.now ?? (() => new Date()),
    homesDir: options.homesDir,
    mailHostname: options.mailHostname,
    nameservers: options.nameservers,
    metricsToken: options.metricsToken ?? null,
    siteLogsDir: options.siteLogsDir,
    backupKey: options.backupKey ?? null,
  });
  // The API takes JSON only: without this, Fastify's own text/plain parser would hand a route a
  // string instead of answering 415.
  app.removeContentTypeParser('text/plain');
  app.addHook('preValidation', bodyIsAnObject);
  app.addSchema(ProblemDocument);
  app.setValidatorCompiler(validatorCompiler([ProblemDocument]));

  await app.register(httpMetricsPlugin);
  await app.register(browserHardeningPlugin);
  await app.register(pathObjectsPlugin, { lookups: pathObjectLookups });
  await app.register(problemsPlugin);
  await app.register(accessDeclaredPlugin);
  await app.register(cookie);
  await app.register(authenticatePlugin);
  await app.register(idempotencyPlugin);
  await app.register(openapiPlugin);
  await app.register(webUiPlugin);
  for (const routes of apiRoutes) await app.register(routes, { prefix: '/api/v1' });
  for (const routes of rootRoutes) await app.register(routes);
  await app.register(agentApiRoutes, { prefix: '/api/agent/v1' });
  await app.ready();
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
