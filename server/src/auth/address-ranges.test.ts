import { describe, expect, it } from 'vitest';
import { addressAllowed, addressRangeProblem } from './address-ranges.js';

describe('allowed addresses of an API token', () => {
  it('matches addresses in a range, single addresses, and IPv4 seen on an IPv6 socket', () => {
    expect(addressAllowed(['127.0.0.0/8'], '127.0.0.1')).toBe(true);
    expect(addressAllowed(['127.0.0.0/8'], '::ffff:127.0.0.1')).toBe(true);
    expect(addressAllowed(['10.0.0.0/8'], '127.0.0.1')).toBe(false);
    expect(addressAllowed(['192.0.2.7'], '192.0.2.7')).toBe(true);
    expect(addressAllowed(['192.0.2.7'], '192.0.2.8')).toBe(false);
    expect(addressAllowed(['2001:db8::/32'], '2001:db8:1::5')).toBe(true);
    expect(addressAllowed(['2001:db8::/32'], '2001:db9::5')).toBe(false);
    expect(addressAllowed(['0.0.0.0/0'], '203.0.113.1')).toBe(true);
  });

  it('allows every address with no list, and no unknown address with one', () => {
    expect(addressAllowed([], null)).toBe(true);
    expect(addressAllowed(['127.0.0.0/8'], null)).toBe(false);
    expect(addressAllowed(['127.0.0.0/8'], 'not-an-ip')).toBe(false);
  });

  it('names what is wrong with an entry', () => {
    for (const good of ['10.0.0.0/8', '192.0.2.7', '2001:db8::/32', '::1', '0.0.0.0/0', '::/128']) {
      expect(addressRangeProblem(good), good).toBeNull();
    }
    expect(addressRangeProblem('10.0.0.300')).toBe('"10.0.0.300" is not an IP address or a CIDR range');
    expect(addressRangeProblem('10.0.0.0/33')).toBe('"10.0.0.0/33": the prefix length must be 0 to 32');
    expect(addressRangeProblem('2001:db8::/129')).toBe(
      '"2001:db8::/129": the prefix length must be 0 to 128',
    );
    expect(addressRangeProblem('10.0.0.0/8/8')).toMatch(/is not an IP address/);
    expect(addressRangeProblem('10.0.0.0/')).toMatch(/prefix length/);
    expect(addressRangeProblem('10.0.0.0/-1')).toMatch(/prefix length/);
  });
});
