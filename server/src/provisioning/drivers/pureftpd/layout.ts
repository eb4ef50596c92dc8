import path from 'node:path';
import { assertSafePath } from '../files/safe-path.js';

/** Where Keel's private pure-ftpd keeps everything: one directory under Keel's state dir. */
export interface PureFtpdLayout {
  dir: string;
  /** The accounts as text, Keel's source of truth; `pure-pw mkdb` compiles it into `database`. */
  usersFile: string;
  database: string;
  /** The TLS key and certificate in one PEM file, as pure-ftpd reads them. */
  certFile: string;
  pidFile: string;
}

export function pureFtpdLayout(stateDir: string): PureFtpdLayout {
  const dir = assertSafePath(path.resolve(stateDir), 'pure-ftpd state directory');
  return {
    dir,
    usersFile: path.join(dir, 'users'),
    database: path.join(dir, 'users.pdb'),
    certFile: path.join(dir, 'pure-ftpd.pem'),
    pidFile: path.join(dir, 'pure-ftpd.pid'),
  };
}
