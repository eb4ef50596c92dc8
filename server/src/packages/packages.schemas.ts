import { type Static, Type } from 'typebox';
import { permissionsFor } from '../contract/permissions.js';
import { IdParams, listOf, pagingFields, sortParameter, Timestamp } from '../contract/schemas.js';
import { VisibleText } from '../contract/visible-text.js';
import { ServerGroupName } from '../servers/servers.schemas.js';
import { packageActions } from './package-policy.js';

export const limitNames = [
  'sites',
  'databases',
  'mailboxes',
  'ftpAccounts',
  'dnsZones',
  'cronJobs',
  'diskMb',
] as const;
export type LimitName = (typeof limitNames)[number];

// The columns are 32-bit integers; null means unlimited.
const Limit = Type.Union([Type.Integer({ minimum: 0, maximum: 2_147_483_647 }), Type.Null()]);

const limitFields = Object.fromEntries(limitNames.map((name) => [name, Limit])) as Record<
  LimitName,
  typeof Limit
>;

export const PackageLimits = Type.Object(limitFields, {
  description: 'How many of each resource a customer on this package may have; null means unlimited.',
});
export type PackageLimits = Static<typeof PackageLimits>;

/** Any subset of the limits: on create the rest are unlimited, on change the rest stay as they are. */
export const PackageLimitsInput = Type.Partial(Type.Object(limitFields), { additionalProperties: false });
export type PackageLimitsInput = Static<typeof PackageLimitsInput>;

const ServerGroup = Type.Union([ServerGroupName, Type.Null()], {
  description:
    "The server group the package's new customers are placed in (only online servers of that group with the roles they need); null places them on any server. Admins only set it.",
});

export const Package = Type.Object({
  id: Type.String(),
  name: Type.String(),
  owner: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], {
    description: "The reseller that owns the package, or null for the admins' packages.",
  }),
  limits: PackageLimits,
  serverGroup: ServerGroup,
  createdAt: Timestamp,
  permissions: permissionsFor(
    packageActions,
    'What the caller may do with the package; PATCH and DELETE apply the same rules.',
  ),
});
export type Package = Static<typeof Package>;

export const PackageParams = IdParams;

export const packageSortFields = ['name', 'owner', 'createdAt'] as const;
export type PackageSortField = (typeof packageSortFields)[number];

export const PackageListQuery = Type.Object(
  {
    ...pagingFields,
    sort: Type.Optional(sortParameter(packageSortFields)),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches the package name.' })),
  },
  { additionalProperties: false },
);
export type PackageListQuery = Static<typeof PackageListQuery>;

export const PackageList = listOf(Package);

export const CreatePackageBody = Type.Object(
  {
    name: VisibleText(100),
    limits: Type.Optional(PackageLimitsInput),
    serverGroup: Type.Optional(ServerGroup),
    resellerId: Type.Optional(
      Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
        description:
          "Admins only: the reseller that will own the package; absent or null for the admins' own.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreatePackageBody = Static<typeof CreatePackageBody>;

export const UpdatePackageBody = Type.Object(
  {
    name: Type.Optional(VisibleText(100)),
    limits: Type.Optional(PackageLimitsInput),
    serverGroup: Type.Optional(ServerGroup),
  },
  { additionalProperties: false },
);
export type UpdatePackageBody = Static<typeof UpdatePackageBody>;
