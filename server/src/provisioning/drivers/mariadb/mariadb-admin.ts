import { createRequire } from 'node:module';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { isKeelDatabaseName, isKeelDatabaseUser } from '../../../hosting/names.js';
import { parseAdminUrl } from './admin-url.js';
import { isNativePasswordHash } from './password-hash.js';

/** local: 'user'@'localhost' and 'user'@'127.0.0.1' (socket and loopback TCP); any: 'user'@'%'. */
export type AccountHosts = 'local' | 'any';

const HOSTS: Record<AccountHosts, readonly string[]> = { local: ['localhost', '127.0.0.1'], any: ['%'] };
// MariaDB: "Unknown thread id" when a connection ended between listing and killing it.
const ER_NO_SUCH_THREAD = 1094;

// mysql2 is loaded when Keel first talks to MariaDB rather than when it starts: it took about
// 2 MiB of Keel's heap, which a Keel without KEEL_MARIADB_URL never needs (docs/performance.md).
let mysql2: typeof import('mysql2/promise') | undefined;
const mysql = () => {
  mysql2 ??= createRequire(import.meta.url)('mysql2/promise') as typeof import('mysql2/promise');
  return mysql2;
};

export interface MariaDbUser {
  name: string;
  host: string;
}

/** An account as MariaDB holds it, for comparing with what Keel applied. */
export interface MariaDbAccount extends MariaDbUser {
  locked: boolean;
  /** The mysql_native_password hash it authenticates with, upper case; '' when none. */
  passwordHash: string;
}

/**
 * Idempotent MariaDB administration through Keel's admin connection. Every identifier must be a
 * complete Keel name (names.ts) and is still quoted by mysql2; account statements go through
 * query(), since MariaDB refuses CREATE/ALTER USER as prepared statements.
 */
export class MariaDbAdmin {
  private readonly hosts: readonly string[];

  constructor(
    private readonly pool: Pool,
    accountHosts: AccountHosts = 'local',
  ) {
    this.hosts = HOSTS[accountHosts];
  }

  /** The hosts each customer account exists on. */
  get accountHosts(): readonly string[] {
    return this.hosts;
  }

  static connect(adminUrl: string, accountHosts: AccountHosts = 'local'): MariaDbAdmin {
    return new MariaDbAdmin(mysql().createPool(parseAdminUrl(adminUrl)), accountHosts);
  }

  async ensureDatabase(name: string): Promise<void> {
    await this.pool.query(`CREATE DATABASE IF NOT EXISTS ${databaseId(name)} CHARACTER SET utf8mb4`);
  }

  /** Creates the user on each host, or brings password and lock state in line if it exists. */
  async ensureUser(user: string, passwordHash: string, locked = false): Promise<void> {
    const lock = locked ? 'ACCOUNT LOCK' : 'ACCOUNT UNLOCK';
    for (const host of this.hosts) {
      const account = accountId(user, host);
      const hash = passwordLiteral(passwordHash);
      await this.pool.query(`CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY PASSWORD ${hash} ${lock}`);
      await this.pool.query(`ALTER USER ${account} IDENTIFIED BY PASSWORD ${hash} ${lock}`);
    }
    if (locked) await this.killConnections(user);
  }

  /** ALL on exactly this one database, nothing else. */
  async grantDatabase(user: string, database: string): Promise<void> {
    // In a database-level GRANT, `_` and `%` are wildcards: escape `_` so k1_a_b never matches k1_aXb.
    const target = `${mysql().escapeId(grantedDatabase(database))}.*`;
    for (const host of this.hosts) {
      await this.pool.query(`GRANT ALL PRIVILEGES ON ${target} TO ${accountId(user, host)}`);
    }
  }

  /** Locking also ends the user's open connections: a suspended customer's app must stop at once. */
  async setLocked(user: string, locked: boolean): Promise<void> {
    for (const host of this.hosts) {
      await this.pool.query(
        `ALTER USER ${accountId(user, host)} ${locked ? 'ACCOUNT LOCK' : 'ACCOUNT UNLOCK'}`,
      );
    }
    if (locked) await this.killConnections(user);
  }

  async setPassword(user: string, passwordHash: string): Promise<void> {
    for (const host of this.hosts) {
      await this.pool.query(
        `ALTER USER ${accountId(user, host)} IDENTIFIED BY PASSWORD ${passwordLiteral(passwordHash)}`,
      );
    }
  }

  async dropDatabase(name: string): Promise<void> {
    await this.pool.query(`DROP DATABASE IF EXISTS ${databaseId(name)}`);
  }

  /** Drops the user on every host Keel might have used, after ending its connections. */
  async dropUser(user: string): Promise<void> {
    for (const host of HOSTS.local.concat(HOSTS.any)) {
      await this.pool.query(`DROP USER IF EXISTS ${accountId(user, host)}`);
    }
    await this.killConnections(user);
  }

  /** Databases whose names look like Keel's, for inventory. */
  async listDatabases(): Promise<string[]> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME',
    );
    return rows.map((row) => String(row.name)).filter(isKeelDatabaseName);
  }

  /** Accounts whose user names look like Keel's, for inventory. */
  async listUsers(): Promise<MariaDbUser[]> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      'SELECT User AS name, Host AS host FROM mysql.user ORDER BY User, Host',
    );
    return rows
      .map((row) => ({ name: String(row.name), host: String(row.host) }))
      .filter((user) => isKeelDatabaseUser(user.name));
  }

  /** Whether the server takes a connection and answers a trivial query. */
  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** Keel's accounts with their lock state and password hash (mysql.global_priv holds both). */
  async listAccounts(): Promise<MariaDbAccount[]> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      `SELECT User AS name, Host AS host,
        COALESCE(JSON_VALUE(Priv, '$.account_locked'), 'false') AS locked,
        COALESCE(JSON_VALUE(Priv, '$.authentication_string'), '') AS hash
      FROM mysql.global_priv ORDER BY User, Host`,
    );
    return rows
      .filter((row) => isKeelDatabaseUser(String(row.name)))
      .map((row) => ({
        name: String(row.name),
        host: String(row.host),
        locked: String(row.locked) === 'true',
        passwordHash: String(row.hash).toUpperCase(),
      }));
  }

  /** The database-level grants of Keel's accounts, as databaseGrantKey names them. */
  async listDatabaseGrants(): Promise<Set<string>> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      'SELECT User AS user, Host AS host, Db AS db FROM mysql.db',
    );
    return new Set(
      rows
        .filter((row) => isKeelDatabaseUser(String(row.user)))
        .map((row) => grantKey(String(row.user), String(row.host), String(row.db))),
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async killConnections(user: string): Promise<void> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      'SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ?',
      [userIdentifier(user)],
    );
    for (const row of rows) {
      await this.pool.query('KILL CONNECTION ?', [Number(row.id)]).catch((error: { errno?: number }) => {
        if (error.errno !== ER_NO_SUCH_THREAD) throw error;
      });
    }
  }
}

/** How a database-level grant names its database: `_` escaped, as grantDatabase writes it. */
const grantedDatabase = (database: string) => databaseIdentifier(database).replace(/_/g, '\\_');

const grantKey = (user: string, host: string, grantedDb: string) => `${user}@${host}/${grantedDb}`;

/** The grant key grantDatabase gives `user`@`host` on `database`. */
export const databaseGrantKey = (user: string, host: string, database: string) =>
  grantKey(user, host, grantedDatabase(database));

function databaseIdentifier(name: string): string {
  if (!isKeelDatabaseName(name))
    throw new Error(`refusing to touch database ${JSON.stringify(name)}: not a Keel name`);
  return name;
}

function userIdentifier(name: string): string {
  if (!isKeelDatabaseUser(name))
    throw new Error(`refusing to touch user ${JSON.stringify(name)}: not a Keel name`);
  return name;
}

function databaseId(name: string): string {
  return mysql().escapeId(databaseIdentifier(name));
}

/** 'user'@'host' as quoted string literals, the form account names take in MariaDB. */
function accountId(user: string, host: string): string {
  return mysql().format('?@?', [userIdentifier(user), host]);
}

function passwordLiteral(hash: string): string {
  if (!isNativePasswordHash(hash)) throw new Error('password hash is not a mysql_native_password hash');
  return mysql().format('?', [hash]);
}
