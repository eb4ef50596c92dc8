import { assertSafePath } from '../files/safe-path.js';
import { type PhpFpmLayout, poolSocket } from './layout.js';

/** One customer's pool: its PHP runs as its own system user, inside its home. */
export interface PoolDesired {
  customerId: string;
  /** The customer's system uid (and gid); null only when Keel does not run as root. */
  uid: number | null;
  home: string;
}

/** Who may open the pools' sockets: nginx's workers, which run as nobody when Keel is root. */
export interface SocketAccess {
  owner: string;
  group: number;
}

/** The directory inside the home where the customer's PHP keeps uploads, sessions and temp files. */
export const POOL_TEMP_DIR = 'tmp';

/**
 * php-fpm.conf: no customer pool in it, only the idle one php-fpm needs to start with none
 * (it refuses to run without a pool). Nobody reaches the idle pool: as root, its socket is root's
 * (0600) and its workers, were one ever started, nginx's user.
 */
export function renderMasterConfig(layout: PhpFpmLayout, access: SocketAccess | null): string {
  const user =
    access === null
      ? ''
      : `user = ${access.owner}\ngroup = ${access.group}\nlisten.owner = root\nlisten.group = 0\n`;
  return `; Written by Keel at every start; edits here are lost.
[global]
pid = ${layout.pidFile}
error_log = ${layout.errorLog}
daemonize = no
; A reload ends the workers of a pool that was removed (a suspension) within this time.
process_control_timeout = 10s
include = ${layout.poolsDir}/*.conf

[keel-idle]
${user}listen = ${layout.idleSocket}
listen.mode = 0600
pm = ondemand
pm.max_children = 1
`;
}

/**
 * A customer's pool: workers only while requests come (ondemand), as the customer's uid and a
 * group of its own (never nginx's, which may read every home), its PHP confined to its home by
 * open_basedir, its socket open to nginx's workers alone. A worker is replaced after 10,000
 * requests, so a leak in the customer's code cannot grow for ever; after 500, a busy site's
 * workers restarted several times a second and served half the requests (bench:php).
 */
export function renderPool(layout: PhpFpmLayout, pool: PoolDesired, access: SocketAccess | null): string {
  const home = assertSafePath(pool.home, 'customer home');
  const temp = `${home}/${POOL_TEMP_DIR}`;
  if (pool.uid !== null && (!Number.isInteger(pool.uid) || pool.uid < 1)) {
    throw new Error(`refusing to run PHP as uid ${pool.uid}`);
  }
  const user = pool.uid === null ? '' : `user = ${pool.uid}\ngroup = ${pool.uid}\n`;
  const socketOwner =
    access === null ? '' : `listen.owner = ${access.owner}\nlisten.group = ${access.group}\n`;
  return `; Keel PHP pool of customer ${pool.customerId}: written by Keel, edits are undone.
[${pool.customerId}]
${user}listen = ${poolSocket(layout, pool.customerId)}
${socketOwner}listen.mode = 0600
pm = ondemand
pm.max_children = 5
pm.process_idle_timeout = 10s
pm.max_requests = 10000
chdir = ${home}
security.limit_extensions = .php
php_admin_value[open_basedir] = ${home}/
php_admin_value[sys_temp_dir] = ${temp}
php_admin_value[upload_tmp_dir] = ${temp}
php_admin_value[session.save_path] = ${temp}
php_admin_flag[allow_url_include] = off
`;
}
