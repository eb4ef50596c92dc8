import { type Static, Type } from 'typebox';
import { permissionsFor } from '../contract/permissions.js';
import { NullableTimestamp, Timestamp } from '../contract/schemas.js';
import { VisibleText } from '../contract/visible-text.js';
import { serverRoles } from '../db/schema/servers.js';
import { serverActions } from './server-policy.js';

export const serverNameMaxLength = 100;

const Role = Type.Enum(serverRoles);
const Roles = Type.Array(Role, {
  minItems: 1,
  uniqueItems: true,
  description: 'What the server hosts: web, database, mail, dns, ftp.',
});
const Capacity = Type.Integer({
  minimum: 1,
  maximum: 1_000_000,
  description:
    'How many customers it should hold; placement picks the online server with the most room left.',
});

/** A group's name: one word of lower-case letters, digits and inner hyphens, as admins write them in lists. */
export const ServerGroupName = Type.String({
  pattern: '^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$',
  description: 'A server group: 1 to 50 lower-case letters, digits and inner hyphens ("eu-west", "premium").',
});

const Group = Type.Union([ServerGroupName, Type.Null()], {
  description:
    'The server group it belongs to; a package bound to a group (`serverGroup`) places its new customers only on servers of that group. Null: none.',
});

export const Server = Type.Object({
  id: Type.String(),
  name: Type.String(),
  roles: Type.Array(Role),
  capacity: Type.Integer(),
  group: Group,
  local: Type.Boolean({ description: "The panel's own machine, served by the panel's built-in agent." }),
  status: Type.Union([Type.Literal('online'), Type.Literal('offline')], {
    description: 'Online while its agent sends heartbeats (the local server while the panel runs).',
  }),
  lastSeenAt: NullableTimestamp,
  enrolled: Type.Boolean({ description: 'An agent has exchanged its enrollment token for a credential.' }),
  customerCount: Type.Integer({ minimum: 0 }),
  createdAt: Timestamp,
  permissions: permissionsFor(
    serverActions,
    'What the caller may do with the server now: delete (DELETE) and reissueEnrollment (POST …/enrollment) apply the same rules.',
  ),
});
export type Server = Static<typeof Server>;

export const ServerList = Type.Object({ items: Type.Array(Server) });

export const CreateServerBody = Type.Object(
  {
    name: VisibleText(serverNameMaxLength),
    roles: Roles,
    capacity: Type.Optional(Capacity),
    group: Type.Optional(Group),
  },
  { additionalProperties: false },
);
export type CreateServerBody = Static<typeof CreateServerBody>;

export const UpdateServerBody = Type.Object(
  {
    name: Type.Optional(VisibleText(serverNameMaxLength)),
    roles: Type.Optional(Roles),
    capacity: Type.Optional(Capacity),
    group: Type.Optional(Group),
  },
  { additionalProperties: false },
);
export type UpdateServerBody = Static<typeof UpdateServerBody>;

export const Enrollment = Type.Object({
  server: Server,
  enrollmentToken: Type.String({
    description:
      'Shown this once: `keel agent --panel <url> --token <enrollmentToken>` on the server exchanges it for its own credential. It works once, within 24 hours.',
  }),
});
export type Enrollment = Static<typeof Enrollment>;
