import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses, IdParams } from '../contract/schemas.js';
import type { KindChanges } from '../hosting/hosted.routes.js';
import { presentResource } from '../hosting/present-resource.js';
import { contextOf } from '../http/request-context.js';
import { createMailbox } from './create-mailbox.js';
import { mailboxKind } from './mailbox-kind.js';
import {
  CreatedMailbox,
  CreateMailboxBody,
  GeneratedMailboxPassword,
  MailboxParams,
  MailboxPasswordBody,
  UpdateMailboxBody,
} from './mailboxes.schemas.js';
import { setMailboxPassword } from './set-mailbox-password.js';
import { updateMailbox } from './update-mailbox.js';

const tags = [mailboxKind.path];

/** What only mailboxes have; list, read and delete are hosting/hosted.routes.ts. */
export const mailboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/customers/:id/mailboxes',
    {
      config: { access: anyRole, scope: 'hosting:write' },
      schema: {
        operationId: 'createMailbox',
        tags,
        summary: "Add a mailbox at one of the customer's domains; its password is shown once",
        params: IdParams,
        body: CreateMailboxBody,
        response: { 201: CreatedMailbox, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { customer, mailbox, password } = await createMailbox(
        contextOf(request),
        request.params.id,
        request.body,
      );
      reply.header('cache-control', 'no-store');
      return reply
        .code(201)
        .send({ mailbox: presentResource(mailboxKind, mailbox, customer, app.keel), password });
    },
  );

  app.post(
    '/customers/:id/mailboxes/:mailboxId/password',
    {
      config: { access: anyRole, scope: 'hosting:write' },
      schema: {
        operationId: 'setMailboxPassword',
        tags,
        summary: "Set ({ password }) or generate ({}) the mailbox's password",
        params: MailboxParams,
        body: MailboxPasswordBody,
        response: {
          200: GeneratedMailboxPassword,
          204: Type.Null(),
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const { password } = await setMailboxPassword(contextOf(request), request.params, request.body);
      if (password === null) return reply.code(204).send(null);
      reply.header('cache-control', 'no-store');
      return { password };
    },
  );
};

/** A mailbox's PATCH switches it and/or changes its quota. */
export const mailboxChanges: KindChanges = {
  summary: 'Turn a mailbox on or off, or change its quota',
  body: UpdateMailboxBody,
  errors: [],
  change: updateMailbox,
};
