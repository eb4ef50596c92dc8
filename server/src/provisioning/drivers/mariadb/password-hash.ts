import { createHash } from 'node:crypto';

const NATIVE_HASH = /^\*[0-9A-F]{40}$/;

/**
 * MariaDB's mysql_native_password hash of a password: '*' + upper-case hex SHA1(SHA1(password)).
 * Keel stores only this, which is all `IDENTIFIED BY PASSWORD` needs to (re-)create the account.
 */
export function nativePasswordHash(plain: string): string {
  const inner = createHash('sha1').update(plain, 'utf8').digest();
  return `*${createHash('sha1').update(inner).digest('hex').toUpperCase()}`;
}

export function isNativePasswordHash(value: string): boolean {
  return NATIVE_HASH.test(value);
}
