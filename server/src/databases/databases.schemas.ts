import { type Static, Type } from 'typebox';
import { Timestamp } from '../contract/schemas.js';
import { Provisioning } from '../hosting/provisioning-view.js';

export const CustomerDatabase = Type.Object({
  id: Type.String(),
  name: Type.String({ description: "The MariaDB database name, with the customer's prefix." }),
  user: Type.String({ description: 'The MariaDB user granted only this database.' }),
  enabled: Type.Boolean({
    description: "The customer's own switch; a suspended customer's users are locked whatever it says.",
  }),
  provisioning: Provisioning,
  createdAt: Timestamp,
});
export type CustomerDatabase = Static<typeof CustomerDatabase>;

export const CreateDatabaseBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 48,
      description:
        "Lower-case letters, digits and _, starting with a letter; Keel adds the customer's prefix.",
    }),
  },
  { additionalProperties: false },
);
