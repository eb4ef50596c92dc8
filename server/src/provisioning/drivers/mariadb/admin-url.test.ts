import { describe, expect, it } from 'vitest';
import { parseAdminUrl } from './admin-url.js';
import { isNativePasswordHash, nativePasswordHash } from './password-hash.js';

describe('parseAdminUrl', () => {
  it('reads a socket URL without a password', () => {
    expect(parseAdminUrl('mysql://root@localhost/?socket=/run/mysqld/mysqld.sock')).toMatchObject({
      user: 'root',
      password: undefined,
      socketPath: '/run/mysqld/mysqld.sock',
      multipleStatements: false,
    });
  });

  it('reads host, port and an encoded password', () => {
    const options = parseAdminUrl('mariadb://keel:p%40ss%3Aword@db.internal:3307/');
    expect(options).toMatchObject({ user: 'keel', password: 'p@ss:word', host: 'db.internal', port: 3307 });
    expect(options.socketPath).toBeUndefined();
    expect(parseAdminUrl('mysql://keel@[::1]/')).toMatchObject({ host: '::1', port: 3306 });
  });

  it('refuses what is not a MariaDB URL', () => {
    expect(() => parseAdminUrl('not a url')).toThrow(/not a valid URL/);
    expect(() => parseAdminUrl('postgres://root@localhost/')).toThrow(/mysql:\/\//);
  });
});

describe('nativePasswordHash', () => {
  it('is the mysql_native_password form of the password', () => {
    // The well-known hash of "password" (MariaDB: SELECT PASSWORD('password')).
    expect(nativePasswordHash('password')).toBe('*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19');
    expect(isNativePasswordHash(nativePasswordHash('anything'))).toBe(true);
    expect(isNativePasswordHash("*'; DROP USER root; --")).toBe(false);
  });
});
