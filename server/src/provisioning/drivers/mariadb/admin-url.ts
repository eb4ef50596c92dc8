import type { PoolOptions } from 'mysql2/promise';

/**
 * Connection options from KEEL_MARIADB_URL, e.g. mysql://root@localhost/?socket=/run/mysqld/mysqld.sock
 * or mysql://keel:secret@db.internal:3306/. The socket, when given, wins over host and port.
 */
export function parseAdminUrl(url: string): PoolOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('KEEL_MARIADB_URL is not a valid URL (expected mysql://user[:password]@host[:port]/)');
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new Error(`KEEL_MARIADB_URL must start with mysql:// or mariadb://, not ${parsed.protocol}//`);
  }
  const options: PoolOptions = {
    user: decodeURIComponent(parsed.username) || 'root',
    password: decodeURIComponent(parsed.password) || undefined,
    // One statement per query: identifiers are escaped, but a second statement is never needed.
    multipleStatements: false,
    connectionLimit: 4,
  };
  const socket = parsed.searchParams.get('socket');
  if (socket) {
    options.socketPath = socket;
  } else {
    options.host = parsed.hostname.replace(/^\[|\]$/g, '') || 'localhost';
    options.port = parsed.port === '' ? 3306 : Number(parsed.port);
  }
  return options;
}
