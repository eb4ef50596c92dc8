import { type Static, Type } from 'typebox';
import { Timestamp } from '../contract/schemas.js';
import { Provisioning } from '../hosting/provisioning-view.js';

export const FtpAccount = Type.Object({
  id: Type.String(),
  user: Type.String({ description: "The login, with the customer's prefix." }),
  enabled: Type.Boolean({
    description: "The customer's own switch; a suspended customer's accounts are refused whatever it says.",
  }),
  directory: Type.String({
    description: "Relative to the customer's home, '' for the home itself; the account is locked into it.",
  }),
  provisioning: Provisioning,
  createdAt: Timestamp,
});
export type FtpAccount = Static<typeof FtpAccount>;

export const CreateFtpAccountBody = Type.Object(
  {
    user: Type.String({
      minLength: 1,
      maxLength: 32,
      description:
        "Lower-case letters, digits and _, starting with a letter; Keel adds the customer's prefix.",
    }),
    directory: Type.Optional(
      Type.String({
        maxLength: 1024,
        description: "Relative to the customer's home (default its root); '..' is refused.",
      }),
    ),
  },
  { additionalProperties: false },
);
