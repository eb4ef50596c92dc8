import path from 'node:path';
import { isUuid } from '../../../contract/ids.js';
import { assertSafePath } from '../files/safe-path.js';

/** Where Keel's private php-fpm of one PHP version keeps everything: <KEEL_DATA_DIR>/php-fpm/<version>. */
export interface PhpFpmLayout {
  dir: string;
  confFile: string;
  /** One pool file per customer whose sites run PHP: <customerId>.conf. */
  poolsDir: string;
  /** Files found in poolsDir that Keel did not write, set aside: php-fpm never reads them. */
  poolsForeignDir: string;
  /** The pools' unix sockets, which only nginx's workers may open. */
  socketsDir: string;
  /** The socket of the pool php-fpm needs to start with no customer pool: nobody may connect. */
  idleSocket: string;
  pidFile: string;
  errorLog: string;
}

export function phpFpmLayout(stateDir: string, version: string): PhpFpmLayout {
  if (!/^\d+\.\d+$/.test(version)) throw new Error(`invalid PHP version ${JSON.stringify(version)}`);
  const dir = assertSafePath(path.resolve(stateDir, version), 'php-fpm state directory');
  return {
    dir,
    confFile: path.join(dir, 'php-fpm.conf'),
    poolsDir: path.join(dir, 'pools'),
    poolsForeignDir: path.join(dir, 'pools-foreign'),
    socketsDir: path.join(dir, 'sockets'),
    idleSocket: path.join(dir, 'idle.sock'),
    pidFile: path.join(dir, 'php-fpm.pid'),
    errorLog: path.join(dir, 'error.log'),
  };
}

const requireCustomer = (customerId: string) => {
  if (!isUuid(customerId)) throw new Error(`invalid customer id ${JSON.stringify(customerId)}`);
  return customerId;
};

export const poolFile = (layout: PhpFpmLayout, customerId: string) =>
  path.join(layout.poolsDir, `${requireCustomer(customerId)}.conf`);

/** A unix socket path has at most 107 bytes: a deep KEEL_DATA_DIR fails here, not in php-fpm. */
export function poolSocket(layout: PhpFpmLayout, customerId: string): string {
  const socket = path.join(layout.socketsDir, `${requireCustomer(customerId)}.sock`);
  if (Buffer.byteLength(socket) > 107) {
    throw new Error(
      `the PHP socket path ${socket} is longer than a unix socket allows: use a shorter KEEL_DATA_DIR`,
    );
  }
  return socket;
}
