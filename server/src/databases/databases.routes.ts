import type { KindRoutes } from '../hosting/hosted.routes.js';
import { nativePasswordHash } from '../provisioning/drivers/mariadb/password-hash.js';
import { createDatabase } from './create-database.js';
import { CreateDatabaseBody } from './databases.schemas.js';

/** What only databases have: create, and the user's password, kept only as MariaDB's own hash. */
export const databaseRoutes: KindRoutes = {
  create: {
    summary: "Add a database and its user; the user's password is shown once",
    body: CreateDatabaseBody,
    create: createDatabase,
  },
  password: {
    whose: "the database user's",
    generated: 'Shown this once; Keel keeps only the hash MariaDB needs.',
    hashOf: nativePasswordHash,
  },
};
