import type { DesiredState, ResourceDriver } from '../types.js';

/** What the mail driver needs of a mailbox: its row's address, hash and quota, and both switches. */
export interface MailboxDesired {
  id: string;
  state: DesiredState;
  /** Lower-case, its domain in punycode (mail/mail-address.ts). */
  address: string;
  /** @node-rs/argon2's argon2id hash, which Dovecot verifies as {ARGON2ID}. */
  passwordHash: string;
  quotaMb: number;
  /** The customer's own switch: off refuses mail (5xx) whatever the customer's status. */
  enabled: boolean;
  /** The key of the address's domain that OpenDKIM signs its outgoing mail with. */
  dkim: DkimKey | null;
}

export interface MailAliasDesired {
  id: string;
  state: DesiredState;
  address: string;
  destinations: string[];
  enabled: boolean;
  dkim: DkimKey | null;
}

/** A domain's DKIM selector and private key (PKCS#8 PEM), from mail/mail-domains.table.ts. */
export interface DkimKey {
  selector: string;
  privateKey: string;
}

export type MailboxDriver = ResourceDriver<MailboxDesired>;
export type MailAliasDriver = ResourceDriver<MailAliasDesired>;

/**
 * What an address does (DESIGN.md's status table): open — delivered, logins allowed; stored —
 * delivered, logins refused (customer suspended); deferred — 4xx, senders retry (customer
 * deleted, so a restore loses nothing); refused — 5xx (switched off).
 */
export type MailEffect = 'open' | 'stored' | 'deferred' | 'refused';

/** The effect of a claimed state; undefined when the address is to be gone. */
export function mailEffect(state: DesiredState, enabled: boolean): MailEffect | undefined {
  if (state === 'absent') return undefined;
  if (!enabled) return 'refused';
  if (state === 'live') return 'open';
  if (state === 'held') return 'stored';
  return 'deferred';
}

/** One applied address as Keel records it on disk; the maps and Dovecot's files are built from these. */
export type AppliedAddress = (
  | { kind: 'mailbox'; address: string; effect: MailEffect; passwordHash: string; quotaMb: number }
  | { kind: 'alias'; address: string; effect: MailEffect; destinations: string[] }
) & { dkim?: DkimKey | null };

const LOCAL = /^[a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9_+-])?$/;
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
// The hash goes into a colon-separated passwd-file line: only what an argon2id PHC string holds.
// The selector goes into OpenDKIM's key table and a DNS name; the key is written to a file as it is.
const SELECTOR = /^[a-z0-9](?:[a-z0-9-]{0,62})$/;
const PRIVATE_KEY = /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n?$/;
const ARGON2ID = /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

/** An address as mail/mail-address.ts stores it; the driver writes no other into a map. */
export function isMailAddress(value: string): boolean {
  const at = value.lastIndexOf('@');
  return (
    at > 0 && LOCAL.test(value.slice(0, at)) && DOMAIN.test(value.slice(at + 1)) && !value.includes('..')
  );
}

/** What is written for a claimed mailbox or alias; throws on anything no map may hold. */
export function appliedAddress(item: MailboxDesired | MailAliasDesired, effect: MailEffect): AppliedAddress {
  if (!isMailAddress(item.address)) throw new Error(`invalid mail address ${JSON.stringify(item.address)}`);
  const dkim = checkedDkimKey(item.dkim);
  if ('passwordHash' in item) {
    if (!ARGON2ID.test(item.passwordHash)) throw new Error('the password hash is not an argon2id hash');
    if (!Number.isInteger(item.quotaMb) || item.quotaMb < 1) throw new Error('invalid quota');
    return {
      kind: 'mailbox',
      address: item.address,
      effect,
      passwordHash: item.passwordHash,
      quotaMb: item.quotaMb,
      dkim,
    };
  }
  const bad = item.destinations.find((destination) => !isMailAddress(destination));
  if (bad !== undefined || item.destinations.length === 0)
    throw new Error(`invalid forwarding address ${JSON.stringify(bad ?? '')}`);
  return { kind: 'alias', address: item.address, effect, destinations: [...item.destinations], dkim };
}

function checkedDkimKey(key: DkimKey | null): DkimKey | null {
  if (key === null) return null;
  if (!SELECTOR.test(key.selector)) throw new Error(`invalid DKIM selector ${JSON.stringify(key.selector)}`);
  if (!PRIVATE_KEY.test(key.privateKey)) throw new Error('the DKIM key is not a PEM private key');
  return { selector: key.selector, privateKey: key.privateKey };
}
