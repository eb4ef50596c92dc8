import { describe, expect, it } from 'vitest';
import {
  customerPrefix,
  databaseName,
  databaseUserName,
  isKeelDatabaseName,
  isKeelDatabaseUser,
  isNormalizedDomain,
  normalizeDomain,
} from './names.js';

function reasonsOf(input: string): string[] {
  const result = normalizeDomain(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${result.value}`);
  return result.reasons;
}

describe('normalizeDomain', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Shop.Example.COM ', 'shop.example.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['例え.テスト', 'xn--r8jz45g.xn--zckzah'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['a-b.example', 'a-b.example'],
    ['3com.com', '3com.com'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeDomain(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['*.example.com', /Wildcard/],
    ['\uFF0A.example.com', /Wildcard/],
    ['x.a\uFF0Fb.com', /internationalized/],
    ['example.com/path', /path/],
    ['example.com?x=1', /path/],
    ['example.com#top', /path/],
    ['a\\b.com', /path/],
    ['example.com:8080', /port/],
    ['http://example.com', /scheme/],
    ['user@example.com', /user/],
    ['example..com', /empty label/],
    ['.example.com', /empty label/],
    ['example.com.', /end with a dot/],
    ['localhost', /at least one dot/],
    ['1.2.3.4', /IP address/],
    ['0x7f.1', /IP address/],
    ['[::1]', /IP address/],
    ['exa mple.com', /not allowed/],
    ['exa_mple.com', /not allowed/],
    ['-example.com', /start and end/],
    ['example-.com', /start and end/],
    ['xn--a.com', /internationalized/],
    ['exa"mple.com', /not allowed/],
    ['example.com;', /not allowed/],
    ['example.com{', /not allowed/],
  ])('refuses %j', (input, reason) => {
    expect(reasonsOf(input).join(' ')).toMatch(reason);
  });

  it('enforces label and total lengths', () => {
    const label63 = 'a'.repeat(63);
    expect(normalizeDomain(`${label63}.com`).ok).toBe(true);
    expect(reasonsOf(`${'a'.repeat(64)}.com`).join(' ')).toMatch(/at most 63/);
    const long = [label63, label63, label63, 'a'.repeat(61)].join('.');
    expect(long.length).toBe(253);
    expect(normalizeDomain(long).ok).toBe(true);
    expect(reasonsOf(`${long}a`).join(' ')).toMatch(/at most 253/);
  });
});

describe('isNormalizedDomain', () => {
  it('accepts only what normalizeDomain returns unchanged', () => {
    expect(isNormalizedDomain('shop.example.com')).toBe(true);
    expect(isNormalizedDomain('xn--bcher-kva.de')).toBe(true);
    for (const value of ['Shop.example.com', ' shop.example.com', 'bücher.de', 'example.com.', 'a..b.com']) {
      expect(isNormalizedDomain(value)).toBe(false);
    }
  });
});

describe('database names', () => {
  const prefix = customerPrefix('0b5e3c1a-6f2d-4c8e-9a1b-2c3d4e5f6a7b');

  it('derives a stable, short prefix from the customer id', () => {
    expect(prefix).toMatch(/^k[0-9a-f]{8}_$/);
    expect(customerPrefix('0b5e3c1a-6f2d-4c8e-9a1b-2c3d4e5f6a7b')).toBe(prefix);
    expect(customerPrefix('0b5e3c1a-6f2d-4c8e-9a1b-2c3d4e5f6a7c')).not.toBe(prefix);
  });

  it('prefixes and lower-cases a valid name', () => {
    expect(databaseName(prefix, ' Shop_2 ')).toEqual({ ok: true, value: `${prefix}shop_2` });
    expect(databaseUserName(prefix, 'shop')).toEqual({ ok: true, value: `${prefix}shop` });
  });

  it.each(['', '2shop', '_shop', 'shop-db', 'shop db', 'shop`', "shop'", 'shop;drop', 'shöp', 'a.b'])(
    'refuses %j',
    (requested) => {
      expect(databaseName(prefix, requested).ok).toBe(false);
      expect(databaseUserName(prefix, requested).ok).toBe(false);
    },
  );

  it('keeps the full name within MariaDB limits', () => {
    const room = 64 - prefix.length;
    expect(databaseName(prefix, 'a'.repeat(room))).toEqual({
      ok: true,
      value: `${prefix}${'a'.repeat(room)}`,
    });
    expect(databaseName(prefix, 'a'.repeat(room + 1)).ok).toBe(false);
    const userRoom = 80 - prefix.length;
    expect(databaseUserName(prefix, 'a'.repeat(userRoom)).ok).toBe(true);
    expect(databaseUserName(prefix, 'a'.repeat(userRoom + 1)).ok).toBe(false);
  });

  it('refuses a malformed prefix', () => {
    expect(databaseName('root_', 'shop').ok).toBe(false);
    expect(databaseName('', 'mysql').ok).toBe(false);
  });

  it('recognises only complete Keel identifiers', () => {
    expect(isKeelDatabaseName(`${prefix}shop`)).toBe(true);
    expect(isKeelDatabaseName('mysql')).toBe(false);
    expect(isKeelDatabaseName(`${prefix}Shop`)).toBe(false);
    expect(isKeelDatabaseName(`${prefix}${'a'.repeat(55)}`)).toBe(false);
    expect(isKeelDatabaseUser(`${prefix}${'a'.repeat(55)}`)).toBe(true);
    expect(isKeelDatabaseUser('root')).toBe(false);
  });
});
