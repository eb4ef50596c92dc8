import { hashPassword } from '../auth/password-hash.js';
import type { KindRoutes } from '../hosting/hosted.routes.js';
import { createFtpAccount } from './create-ftp-account.js';
import { CreateFtpAccountBody } from './ftp-accounts.schemas.js';

/** What only FTP accounts have: create, and a password kept only as the argon2id hash pure-ftpd checks. */
export const ftpAccountRoutes: KindRoutes = {
  create: {
    summary: "Add an FTP account locked into a directory of the customer's home; its password is shown once",
    body: CreateFtpAccountBody,
    create: createFtpAccount,
  },
  password: {
    whose: "the FTP account's",
    generated: 'Shown this once; Keel keeps only the argon2id hash pure-ftpd checks.',
    hashOf: hashPassword,
  },
};
