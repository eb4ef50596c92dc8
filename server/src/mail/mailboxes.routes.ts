import { hashPassword } from '../auth/password-hash.js';
import type { KindRoutes } from '../hosting/hosted.routes.js';
import { createMailbox } from './create-mailbox.js';
import { CreateMailboxBody, UpdateMailboxBody } from './mailboxes.schemas.js';
import { updateMailbox } from './update-mailbox.js';

/** What only mailboxes have: create, a password kept only as its argon2id hash, a quota. */
export const mailboxRoutes: KindRoutes = {
  create: {
    summary: "Add a mailbox at one of the customer's domains; its password is shown once",
    body: CreateMailboxBody,
    create: createMailbox,
  },
  password: {
    whose: "the mailbox's",
    generated: 'Shown this once; Keel keeps only its argon2id hash.',
    hashOf: hashPassword,
  },
  // A mailbox's PATCH switches it and/or changes its quota.
  changes: {
    summary: 'Turn a mailbox on or off, or change its quota',
    body: UpdateMailboxBody,
    errors: [],
    change: updateMailbox,
  },
};
