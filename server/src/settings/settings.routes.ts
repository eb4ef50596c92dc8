import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { adminOnly, anyRole } from '../access/rules.js';
import { errorResponses } from '../contract/schemas.js';
import { contextOf } from '../http/request-context.js';
import { installedPhpVersions } from '../provisioning/drivers/php-fpm/php-versions.js';
import { readBackupSettings, readPlatformSettings, readSecuritySettings } from './settings.queries.js';
import {
  BackupSettings,
  BackupSettingsBody,
  PhpVersions,
  PlatformSettings,
  SecuritySettings,
  SecuritySettingsBody,
} from './settings.schemas.js';
import { updateBackupSettings } from './update-backup-settings.js';
import { updatePlatformSettings } from './update-platform-settings.js';
import { updateSecuritySettings } from './update-security-settings.js';

const tags = ['settings'];
const access = adminOnly;

export const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/settings/security',
    {
      config: { access, scope: 'settings:read' },
      schema: {
        operationId: 'getSecuritySettings',
        tags,
        summary: 'Password policy, session timeouts and first-sign-in password rule',
        response: { 200: SecuritySettings, ...errorResponses(401, 403) },
      },
    },
    async (request) => readSecuritySettings(contextOf(request).db),
  );

  app.put(
    '/settings/security',
    {
      config: { access, scope: 'settings:write' },
      schema: {
        operationId: 'replaceSecuritySettings',
        tags,
        summary: 'Replace the password policy, session timeouts and first-sign-in password rule',
        body: SecuritySettingsBody,
        response: { 200: SecuritySettings, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (request) => updateSecuritySettings(contextOf(request), request.body),
  );

  app.get(
    '/settings/platform',
    {
      config: { access, scope: 'settings:read' },
      schema: {
        operationId: 'getPlatformSettings',
        tags,
        summary: 'Platform settings: retention of soft-deleted customers',
        response: { 200: PlatformSettings, ...errorResponses(401, 403) },
      },
    },
    async (request) => readPlatformSettings(contextOf(request).db),
  );

  app.put(
    '/settings/platform',
    {
      config: { access, scope: 'settings:write' },
      schema: {
        operationId: 'replacePlatformSettings',
        tags,
        summary: 'Replace the platform settings',
        body: PlatformSettings,
        response: { 200: PlatformSettings, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => updatePlatformSettings(contextOf(request), request.body),
  );

  app.get(
    '/settings/backups',
    {
      config: { access, scope: 'settings:read' },
      schema: {
        operationId: 'getBackupSettings',
        tags,
        summary: 'The backup schedule and how many scheduled backups are kept',
        response: { 200: BackupSettings, ...errorResponses(401, 403) },
      },
    },
    async (request) => readBackupSettings(contextOf(request).db),
  );

  app.put(
    '/settings/backups',
    {
      config: { access, scope: 'settings:write' },
      schema: {
        operationId: 'replaceBackupSettings',
        tags,
        summary: 'Replace the backup schedule and retention',
        body: BackupSettingsBody,
        response: { 200: BackupSettings, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => updateBackupSettings(contextOf(request), request.body),
  );

  app.get(
    '/settings/php-versions',
    {
      config: { access: anyRole, scope: 'hosting:read' },
      schema: {
        operationId: 'listPhpVersions',
        tags,
        summary: 'The PHP versions installed on this server, which a website may run',
        response: { 200: PhpVersions, ...errorResponses(401) },
      },
    },
    async () => ({ versions: await installedPhpVersions() }),
  );
};
