import { type Static, Type } from 'typebox';
import { Timestamp } from '../contract/schemas.js';
import { Provisioning } from '../hosting/provisioning-view.js';

export const DEFAULT_QUOTA_MB = 1024;
const QuotaMb = Type.Integer({
  minimum: 1,
  maximum: 1048576,
  description: 'Megabytes the mailbox may hold.',
});

export const Mailbox = Type.Object({
  id: Type.String(),
  address: Type.String({ description: 'Lower-case; an internationalized domain in punycode.' }),
  enabled: Type.Boolean({
    description:
      "The customer's own switch: off refuses logins and inbound mail (550). A suspended customer's mailboxes still receive and store mail, but nobody can log in.",
  }),
  quotaMb: QuotaMb,
  usedMb: Type.Integer({
    minimum: 0,
    description:
      "Megabytes its messages take on disk (rounded up), as measured at the reconciler's last sweep (KEEL_SWEEP_SECONDS).",
  }),
  provisioning: Provisioning,
  createdAt: Timestamp,
});
export type Mailbox = Static<typeof Mailbox>;

export const CreateMailboxBody = Type.Object(
  {
    address: Type.String({
      minLength: 3,
      maxLength: 320,
      description:
        "name@domain, the domain one of the customer's websites or DNS zones (or a name under a zone).",
    }),
    quotaMb: Type.Optional({ ...QuotaMb, description: `Megabytes; ${DEFAULT_QUOTA_MB} when left out.` }),
  },
  { additionalProperties: false },
);
export type CreateMailboxBody = Static<typeof CreateMailboxBody>;

export const UpdateMailboxBody = Type.Object(
  { enabled: Type.Optional(Type.Boolean()), quotaMb: Type.Optional(QuotaMb) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMailboxBody = Static<typeof UpdateMailboxBody>;
