import type { KindRoutes } from '../hosting/hosted.routes.js';
import { createMailAlias } from './create-mail-alias.js';
import { CreateMailAliasBody, UpdateMailAliasBody } from './mail-aliases.schemas.js';
import { updateMailAlias } from './update-mail-alias.js';

/** What only mail aliases have: create, and a PATCH that switches an alias and/or replaces where it forwards. */
export const mailAliasRoutes: KindRoutes = {
  create: {
    summary: "Add a forwarding address at one of the customer's domains",
    body: CreateMailAliasBody,
    create: createMailAlias,
  },
  changes: {
    summary: 'Turn a mail alias on or off, or replace where it forwards',
    body: UpdateMailAliasBody,
    errors: [422],
    change: updateMailAlias,
  },
};
