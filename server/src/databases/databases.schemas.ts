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

export const DatabaseParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), databaseId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

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

export const DatabasePasswordBody = Type.Object(
  { password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })) },
  { additionalProperties: false },
);

export const GeneratedDatabasePassword = Type.Object({
  password: Type.String({ description: 'Shown this once; Keel keeps only the hash MariaDB needs.' }),
});

export const CreatedDatabase = Type.Object({ database: CustomerDatabase, password: Type.String() });
