import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses, IdParams, listOf } from '../contract/schemas.js';
import { noBodyIsEmpty } from '../http/body-hooks.js';
import { contextOf } from '../http/request-context.js';
import {
  Backup,
  BackupJob,
  BackupListQuery,
  BackupParams,
  RestoreBody,
  StartedBackup,
  StartedRestore,
} from './backups.schemas.js';
import { deleteBackup } from './delete-backup.js';
import { listBackupJobs, listBackups } from './list-backups.js';
import { presentBackup, presentBackupJob } from './present-backup.js';
import { startBackup } from './start-backup.js';
import { startRestore } from './start-restore.js';
import { visibleBackup } from './visible-backup.js';

const tags = ['backups'];

/** A customer's backups: list, take one now, read, delete; and the jobs that carry them out. */
export const backupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/customers/:id/backups',
    {
      config: { access: anyRole, scope: 'backups:read' },
      schema: {
        operationId: 'listBackups',
        tags,
        summary: "A customer's backups, newest first",
        params: IdParams,
        querystring: BackupListQuery,
        response: { 200: listOf(Backup), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const listed = await listBackups(contextOf(request), request.params.id, request.query);
      return { items: listed.rows.map(presentBackup), total: listed.total, ...listed.paging };
    },
  );

  app.post(
    '/customers/:id/backups',
    {
      config: { access: anyRole, scope: 'backups:write' },
      schema: {
        operationId: 'startBackup',
        tags,
        summary: 'Start a backup of the customer now; it runs in the background',
        params: IdParams,
        response: { 202: StartedBackup, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const backup = await startBackup(contextOf(request), request.params.id);
      return reply.code(202).send({ backup: presentBackup(backup) });
    },
  );

  app.get(
    '/customers/:id/backups/:backupId',
    {
      config: { access: anyRole, scope: 'backups:read' },
      schema: {
        operationId: 'getBackup',
        tags,
        summary: 'One backup',
        params: BackupParams,
        response: { 200: Backup, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { id, backupId } = request.params;
      const ctx = contextOf(request);
      return presentBackup(await visibleBackup(ctx.db, ctx.actor, { customerId: id, backupId }));
    },
  );

  app.delete(
    '/customers/:id/backups/:backupId',
    {
      config: { access: anyRole, scope: 'backups:write' },
      schema: {
        operationId: 'deleteBackup',
        tags,
        summary: 'Delete a backup; its data leaves the repository in the background',
        params: BackupParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteBackup(contextOf(request), request.params);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/customers/:id/backups/:backupId/restore',
    {
      config: { access: anyRole, scope: 'backups:write' },
      preValidation: noBodyIsEmpty,
      schema: {
        operationId: 'restoreBackup',
        tags,
        summary:
          'Put a backup back, whole or by parts: files as they were, each database’s tables, each mailbox’s mail, each zone’s records; what was deleted since is made again',
        params: BackupParams,
        body: RestoreBody,
        response: { 202: StartedRestore, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const job = await startRestore(contextOf(request), request.params, request.body);
      return reply.code(202).send({ job: presentBackupJob(job) });
    },
  );

  app.get(
    '/customers/:id/backup-jobs',
    {
      config: { access: anyRole, scope: 'backups:read' },
      schema: {
        operationId: 'listBackupJobs',
        tags,
        summary: "The customer's backup jobs: what waits, what runs (with its progress), what failed and why",
        params: IdParams,
        querystring: BackupListQuery,
        response: { 200: listOf(BackupJob), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const listed = await listBackupJobs(contextOf(request), request.params.id, request.query);
      return { items: listed.rows.map(presentBackupJob), total: listed.total, ...listed.paging };
    },
  );
};
