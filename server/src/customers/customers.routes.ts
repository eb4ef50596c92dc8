import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { adminOrReseller, anyRole } from '../access/rules.js';
import { AuditEventList, CustomerAuditQuery } from '../audit/audit.schemas.js';
import { errorResponses, IdParams } from '../contract/schemas.js';
import type { AnyResourceKind } from '../hosting/resource-kind.js';
import { noBodyIsEmpty, trimFields } from '../http/body-hooks.js';
import { contextOf } from '../http/request-context.js';
import { PackageLimits } from '../packages/packages.schemas.js';
import { bulkCustomerAction } from './bulk-customer-action.js';
import { changeCustomerPassword } from './change-customer-password.js';
import { createCustomer } from './create-customer.js';
import { customerLimits } from './customer-limits.js';
import { customerView, listCustomers } from './customers.queries.js';
import {
  BulkCustomersBody,
  BulkCustomersResults,
  ChangePasswordBody,
  CreateCustomerBody,
  CreatedCustomer,
  Customer,
  CustomerList,
  GeneratedPassword,
  ListCustomersQuery,
  SuspendBody,
  UpdateCustomerBody,
} from './customers.schemas.js';
import { deleteCustomer } from './delete-customer.js';
import { listCustomerAudit } from './list-customer-audit.js';
import { withPurgeProgress } from './purge-progress.js';
import { reactivateCustomer } from './reactivate-customer.js';
import { restoreCustomer } from './restore-customer.js';
import { startCustomerPurge } from './start-customer-purge.js';
import { suspendCustomer } from './suspend-customer.js';
import { updateCustomer } from './update-customer.js';

const tags = ['customers'];

const trimBody = trimFields('firstName', 'lastName', 'company', 'email');

/** Actions that take no fields still refuse unknown ones (400), like every other body. */
const NoFields = Type.Object({}, { additionalProperties: false });

/** `kinds`: the hosting resource kinds a purge waits for, shown on a purging customer. */
export const customerRoutes =
  (kinds: readonly AnyResourceKind[]): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/customers',
      {
        config: { access: adminOrReseller, scope: 'customers:read' },
        schema: {
          operationId: 'listCustomers',
          tags,
          summary: 'List customers: admins all, a reseller its own',
          querystring: ListCustomersQuery,
          response: { 200: CustomerList, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const ctx = contextOf(request);
        const list = await listCustomers(ctx.db, ctx.actor, request.query);
        return { ...list, items: await withPurgeProgress(ctx.db, kinds, list.items) };
      },
    );

    app.post(
      '/customers',
      {
        config: { access: adminOrReseller, scope: 'customers:write' },
        preValidation: trimBody,
        schema: {
          operationId: 'createCustomer',
          tags,
          summary: 'Create a customer with its login; the generated password is shown once',
          body: CreateCustomerBody,
          response: { 201: CreatedCustomer, ...errorResponses(400, 401, 403, 409, 422) },
        },
      },
      async (request, reply) => {
        const created = await createCustomer(contextOf(request), request.body);
        return reply.code(201).header('cache-control', 'no-store').send(created);
      },
    );

    app.post(
      '/customers/bulk',
      {
        config: { access: adminOrReseller, scope: 'customers:lifecycle' },
        schema: {
          operationId: 'bulkCustomerAction',
          tags,
          summary: 'Suspend, reactivate, delete, restore or change the package of up to 1000 customers',
          description:
            'Each customer is done or refused on its own, exactly as its single call would be: its result carries that call’s status code and, when refused, its problem (an id the caller may not see is a 404). Customers are changed in groups of 200, each committed on its own, and the services follow in a few batches. `change-package` also needs the `customers:write` scope.',
          body: BulkCustomersBody,
          response: { 200: BulkCustomersResults, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => ({ results: await bulkCustomerAction(contextOf(request), request.body) }),
    );

    app.get(
      '/customers/:id',
      {
        config: { access: anyRole, beforeOwnPassword: true, scope: 'customers:read' },
        schema: {
          operationId: 'getCustomer',
          tags,
          summary: 'One customer: admins any, a reseller its own, a customer itself',
          params: IdParams,
          response: { 200: Customer, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const ctx = contextOf(request);
        const [customer] = await withPurgeProgress(ctx.db, kinds, [
          await customerView(ctx.db, ctx.actor, request.params.id),
        ]);
        return customer;
      },
    );

    app.get(
      '/customers/:id/limits',
      {
        config: { access: anyRole, scope: 'customers:read' },
        schema: {
          operationId: 'getCustomerLimits',
          tags,
          summary:
            "The limits of the customer's package: admins any, a reseller its own customers', a customer its own",
          description:
            'Only the limits, so a customer learns what its package allows and nothing else of packages. Without a package every limit is null (unlimited).',
          params: IdParams,
          response: { 200: PackageLimits, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const ctx = contextOf(request);
        return customerLimits(ctx.db, ctx.actor, request.params.id);
      },
    );

    app.patch(
      '/customers/:id',
      {
        config: { access: adminOrReseller, scope: 'customers:write' },
        preValidation: trimBody,
        schema: {
          operationId: 'updateCustomer',
          tags,
          summary: 'Edit a customer; with `version`, a stale edit is refused (409)',
          description:
            'Any of the fields; `company: null` clears it; `resellerId` is for admins only. A soft-deleted customer cannot be edited (409).',
          params: IdParams,
          body: UpdateCustomerBody,
          response: { 200: Customer, ...errorResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request) => updateCustomer(contextOf(request), request.params.id, request.body),
    );

    app.post(
      '/customers/:id/password',
      {
        config: { access: anyRole, beforeOwnPassword: true, scope: 'customers:write' },
        schema: {
          operationId: 'changeCustomerPassword',
          tags,
          summary: "Set (`{ password }`) or generate (`{}`) a customer's password",
          description:
            'Ends every other session of the customer. A customer changing its own also sends `currentPassword` (missing: 400, wrong: 422); nobody changes it while impersonating (403). The policy’s reasons come back as 422 `errors`.',
          params: IdParams,
          body: ChangePasswordBody,
          response: {
            200: GeneratedPassword,
            204: Type.Null(),
            ...errorResponses(400, 401, 403, 404, 409, 422, 429),
          },
        },
      },
      async (request, reply) => {
        const { password } = await changeCustomerPassword(
          contextOf(request),
          request.params.id,
          request.body ?? {},
        );
        if (password === null) return reply.code(204).send(null);
        return reply.header('cache-control', 'no-store').send({ password });
      },
    );

    app.post(
      '/customers/:id/suspend',
      {
        config: { access: adminOrReseller, scope: 'customers:lifecycle' },
        preValidation: noBodyIsEmpty,
        schema: {
          operationId: 'suspendCustomer',
          tags,
          summary: 'Suspend an active customer: its sessions and API tokens stop at once',
          params: IdParams,
          body: SuspendBody,
          response: { 200: Customer, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => suspendCustomer(contextOf(request), request.params.id, request.body),
    );

    app.post(
      '/customers/:id/reactivate',
      {
        config: { access: adminOrReseller, scope: 'customers:lifecycle' },
        preValidation: noBodyIsEmpty,
        schema: {
          operationId: 'reactivateCustomer',
          tags,
          summary: 'Reactivate a suspended customer',
          params: IdParams,
          body: NoFields,
          response: { 200: Customer, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => reactivateCustomer(contextOf(request), request.params.id),
    );

    app.delete(
      '/customers/:id',
      {
        config: { access: adminOrReseller, scope: 'customers:lifecycle' },
        preValidation: noBodyIsEmpty,
        schema: {
          operationId: 'deleteCustomer',
          tags,
          summary: 'Soft-delete a customer; with 0 days of retention its purge starts at once (202)',
          params: IdParams,
          body: NoFields,
          response: { 200: Customer, 202: Customer, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { customer, purgeStarted } = await deleteCustomer(contextOf(request), request.params.id);
        return reply.code(purgeStarted ? 202 : 200).send(customer);
      },
    );

    app.post(
      '/customers/:id/restore',
      {
        config: { access: adminOrReseller, scope: 'customers:lifecycle' },
        preValidation: noBodyIsEmpty,
        schema: {
          operationId: 'restoreCustomer',
          tags,
          summary: 'Restore a soft-deleted customer to the status it had before',
          params: IdParams,
          body: NoFields,
          response: { 200: Customer, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => restoreCustomer(contextOf(request), request.params.id),
    );

    app.post(
      '/customers/:id/purge',
      {
        config: { access: adminOrReseller, scope: 'customers:lifecycle' },
        preValidation: noBodyIsEmpty,
        schema: {
          operationId: 'purgeCustomer',
          tags,
          summary: 'Permanently delete a soft-deleted customer (irreversible)',
          description:
            'Answers 202 once the purge has started; the customer, its resources and its login go in the background and its email becomes free.',
          params: IdParams,
          body: NoFields,
          response: { 202: Customer, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await startCustomerPurge(contextOf(request), request.params.id)),
    );

    app.get(
      '/customers/:id/audit',
      {
        config: { access: anyRole, scope: 'audit:read' },
        schema: {
          operationId: 'listCustomerAuditEvents',
          tags,
          summary: "A customer's own log, newest first, including actions taken while impersonating it",
          params: IdParams,
          querystring: CustomerAuditQuery,
          response: { 200: AuditEventList, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => listCustomerAudit(contextOf(request), request.params.id, request.query),
    );
  };
