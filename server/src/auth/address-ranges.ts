import { BlockList, isIP } from 'node:net';

/**
 * The addresses an API token may be used from: single addresses or CIDR ranges, IPv4 or IPv6.
 * Checked against the request's client address (the socket's, unless a trusted proxy is set).
 */

/** Why an entry is not an address or a range, or null when it is one. */
export function addressRangeProblem(entry: string): string | null {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return `"${entry}" is not an IP address or a CIDR range`;
  if (prefix === undefined) return null;
  const bits = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits)
    return `"${entry}": the prefix length must be 0 to ${bits}`;
  return null;
}

/** An IPv4 client seen on an IPv6 socket (`::ffff:127.0.0.1`) is matched as the IPv4 address. */
const plainAddress = (ip: string) => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip);

/** Whether `ip` falls in one of the ranges; an empty list allows every address. */
export function addressAllowed(ranges: readonly string[], ip: string | null): boolean {
  if (ranges.length === 0) return true;
  if (!ip) return false;
  const client = plainAddress(ip);
  const family = isIP(client);
  if (family === 0) return false;
  const allowed = new BlockList();
  for (const range of ranges) {
    const [address = '', prefix] = range.split('/');
    const rangeFamily = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) allowed.addAddress(address, rangeFamily);
    else allowed.addSubnet(address, Number(prefix), rangeFamily);
  }
  return allowed.check(client, family === 4 ? 'ipv4' : 'ipv6');
}
