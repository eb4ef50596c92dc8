import { type Static, type TInteger, Type } from 'typebox';
import { permissionsFor } from '../contract/permissions.js';
import {
  Email,
  listOf,
  NullableTimestamp,
  ProblemRef,
  pagingFields,
  sortParameter,
  Timestamp,
} from '../contract/schemas.js';
import { VisibleText } from '../contract/visible-text.js';
import { type CustomerCounter, customerCounters } from '../db/schema/customers.js';
import { CustomerMove } from '../moves/moves.schemas.js';
import { customerActions } from './customer-policy.js';

const Named = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]);
const Status = Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('deleted')]);
const NullableId = Type.Union([Type.String({ format: 'uuid' }), Type.Null()]);

export const nameMaxLength = 100;
export const companyMaxLength = 200;
export const reasonMaxLength = 500;

/** How many resources of each kind the customer has: siteCount, databaseCount … (one per kind). */
const resourceCounts = Object.fromEntries(
  customerCounters.map((counter) => [counter, Type.Integer({ minimum: 0 })]),
) as { [Counter in CustomerCounter]: TInteger };

/** A resource a purge still waits for: applied to a service that has not taken it down yet. */
const WaitingResource = Type.Object({
  kind: Type.String({ description: 'The kind of resource: website, database …' }),
  id: Type.String(),
  name: Type.String({ description: 'Its domain or name.' }),
  error: Type.Union([Type.String(), Type.Null()], {
    description: 'Why its service has not removed it yet, e.g. "KEEL_WEB_PORT is not set".',
  }),
});

export const Customer = Type.Object({
  id: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  company: Type.Union([Type.String(), Type.Null()]),
  email: Type.String(),
  status: Status,
  reseller: Named,
  package: Named,
  server: Type.Object(
    { id: Type.String(), name: Type.String() },
    { description: 'The hosting server the customer lives on (shared/API.md, "Servers").' },
  ),
  ...resourceCounts,
  move: CustomerMove,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  suspendedAt: NullableTimestamp,
  suspendReason: Type.Union([Type.String(), Type.Null()]),
  deletedAt: NullableTimestamp,
  purgeAfter: NullableTimestamp,
  purgeStartedAt: Type.Union([Timestamp, Type.Null()], {
    description: 'Set once permanent deletion has started; the customer is gone when it finishes.',
  }),
  purgeWaitingFor: Type.Optional(
    Type.Array(WaitingResource, {
      description:
        'While a purge runs: the resources it still waits for, each with why its service has not removed it.',
    }),
  ),
  version: Type.Integer({ description: 'Send it back with PATCH to refuse a stale edit (409).' }),
  permissions: permissionsFor(
    customerActions,
    'What the caller may do with the customer now: edit (PATCH), changePassword, suspend, reactivate, delete, restore, purge and impersonate apply the same rules.',
  ),
});
export type Customer = Static<typeof Customer>;

export const CustomerList = Type.Object({
  ...listOf(Customer).properties,
  totalIsEstimate: Type.Boolean({
    description:
      "True when `total` is the database's estimate, not an exact count: when more than 10,000 customers match.",
  }),
});

export const customerSortFields = [
  'name',
  'company',
  'email',
  'status',
  'reseller',
  'package',
  'siteCount',
  'databaseCount',
  'createdAt',
] as const;
export type CustomerSortField = (typeof customerSortFields)[number];

export const ListCustomersQuery = Type.Object(
  {
    ...pagingFields,
    sort: Type.Optional(sortParameter(customerSortFields)),
    q: Type.Optional(
      Type.String({
        maxLength: 200,
        pattern: '^[^\\u0000-\\u001f\\u007f]*$',
        description:
          'Case- and accent-insensitive substring of the name (first, last or "First Last"), company or email ("muller" finds "Müller"); one or two letters match the start of the first name, last name, company or email instead; % and _ are literal.',
      }),
    ),
    status: Type.Optional(
      Type.Union(Status.anyOf, {
        description:
          'Without it, every customer that is not soft-deleted; soft-deleted ones only with `deleted`.',
      }),
    ),
    resellerId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          "Only this reseller's customers. A reseller's list is always limited to its own, so another reseller's id gives an empty list.",
      }),
    ),
    serverId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Only the customers living on this server (GET /servers).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ListCustomersQuery = Static<typeof ListCustomersQuery>;

const Company = Type.Union([VisibleText(companyMaxLength, { minLength: 0 }), Type.Null()]);

export const CreateCustomerBody = Type.Object(
  {
    firstName: VisibleText(nameMaxLength),
    lastName: VisibleText(nameMaxLength),
    company: Type.Optional(Company),
    email: Email,
    resellerId: Type.Optional(
      Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
        description:
          'Admins only; a reseller’s customers are always its own. Null: the admins’ own customer.',
      }),
    ),
    packageId: Type.Optional(NullableId),
    serverId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          "Admins only: the server the customer lives on. Left out, the online server with every role the customer's package needs and the most room left.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateCustomerBody = Static<typeof CreateCustomerBody>;

export const CreatedCustomer = Type.Object({
  customer: Customer,
  password: Type.String({ description: 'The generated password, shown this once.' }),
});

export const UpdateCustomerBody = Type.Object(
  {
    firstName: Type.Optional(VisibleText(nameMaxLength)),
    lastName: Type.Optional(VisibleText(nameMaxLength)),
    company: Type.Optional(Company),
    email: Type.Optional(Email),
    resellerId: Type.Optional(NullableId),
    packageId: Type.Optional(NullableId),
    version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  },
  { additionalProperties: false },
);
export type UpdateCustomerBody = Static<typeof UpdateCustomerBody>;

export const ChangePasswordBody = Type.Object(
  {
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    currentPassword: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 1024,
        description: 'Required when a customer changes its own password.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const GeneratedPassword = Type.Object({
  password: Type.String({ description: 'The generated password, shown this once.' }),
});

const SuspendReason = Type.Union([
  VisibleText(reasonMaxLength, { minLength: 0, lines: 'multi-line' }),
  Type.Null(),
]);

export const SuspendBody = Type.Object(
  {
    reason: Type.Optional(SuspendReason),
  },
  { additionalProperties: false },
);
export type SuspendBody = Static<typeof SuspendBody>;

export const bulkCustomerActions = ['suspend', 'reactivate', 'delete', 'restore', 'change-package'] as const;
export type BulkCustomerAction = (typeof bulkCustomerActions)[number];

export const BulkCustomersBody = Type.Object(
  {
    action: Type.Union(
      bulkCustomerActions.map((action) => Type.Literal(action)),
      {
        description:
          'The single call each customer gets: suspend, reactivate, delete, restore, or an edit of its packageId.',
      },
    ),
    ids: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 1000, uniqueItems: true }),
    reason: Type.Optional(
      Type.Union(SuspendReason.anyOf, {
        description: 'Suspend only: the reason every suspended customer shows.',
      }),
    ),
    packageId: Type.Optional(
      Type.Union(NullableId.anyOf, {
        description: 'Change-package only, and required there; null takes the package away.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type BulkCustomersBody = Static<typeof BulkCustomersBody>;

export const BulkCustomerResult = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Type.Integer({
    description: "The single call's status code: 200 (202 for a delete whose purge started) or its refusal.",
  }),
  problem: Type.Optional(ProblemRef),
});
export type BulkCustomerResult = Static<typeof BulkCustomerResult>;

export const BulkCustomersResults = Type.Object({ results: Type.Array(BulkCustomerResult) });
