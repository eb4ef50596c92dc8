import { type Static, Type } from 'typebox';
import { Timestamp } from '../contract/schemas.js';
import { Provisioning } from '../hosting/provisioning-view.js';

export const MAX_DESTINATIONS = 50;

const Destinations = Type.Array(Type.String({ minLength: 3, maxLength: 320 }), {
  minItems: 1,
  maxItems: MAX_DESTINATIONS,
  description: 'Where its mail goes: any addresses, inside Keel or outside.',
});

export const MailAlias = Type.Object({
  id: Type.String(),
  address: Type.String({ description: 'Lower-case; an internationalized domain in punycode.' }),
  destinations: Type.Array(Type.String()),
  enabled: Type.Boolean({
    description:
      "The customer's own switch: off refuses its mail (550). A suspended customer's aliases still forward.",
  }),
  provisioning: Provisioning,
  createdAt: Timestamp,
});
export type MailAlias = Static<typeof MailAlias>;

export const CreateMailAliasBody = Type.Object(
  {
    address: Type.String({
      minLength: 3,
      maxLength: 320,
      description:
        "name@domain, the domain one of the customer's websites or DNS zones (or a name under a zone).",
    }),
    destinations: Destinations,
  },
  { additionalProperties: false },
);
export type CreateMailAliasBody = Static<typeof CreateMailAliasBody>;

export const UpdateMailAliasBody = Type.Object(
  { enabled: Type.Optional(Type.Boolean()), destinations: Type.Optional(Destinations) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMailAliasBody = Static<typeof UpdateMailAliasBody>;
