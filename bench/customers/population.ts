import { createHash } from 'node:crypto';
import {
  companyTrades,
  companyWords,
  firstNames,
  lastNames,
  legalForms,
  mailProviders,
  packageNames,
  rareCompanyWords,
  rareLastNames,
  topLevelDomains,
} from './names.js';

// Every seeded row is derived from its kind and index alone (a SHA-256 of both gives the id and
// seeds the row's own generator), so any run, batch order or --reuse sees the same population and
// the benchmark can name a particular customer without reading it back.

export const resellerCount = 200;
export const packageCount = packageNames.length;

/** The date the population is "as of": fixed, so created dates do not drift between runs. */
const asOf = Date.UTC(2026, 10, 1);
const day = 86_400_000;

function digest(kind: string, index: number) {
  return createHash('sha256').update(`${kind}:${index}`).digest();
}

function uuidOf(bytes: Buffer): string {
  const hex = Buffer.from(bytes.subarray(0, 16));
  hex[6] = ((hex[6] ?? 0) & 0x0f) | 0x40;
  hex[8] = ((hex[8] ?? 0) & 0x3f) | 0x80;
  const text = hex.toString('hex');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

/** Marsaglia's xorshift32: tiny, fast, and plenty for choosing names. */
function generator(bytes: Buffer) {
  let state = bytes.readUInt32LE(16) || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
  return {
    next,
    chance: (probability: number) => next() < probability,
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T,
    /** Skewed towards the front of the list: a few popular choices and a long tail. */
    pickPopular: <T>(list: readonly T[]) => list[Math.floor(next() ** 2 * list.length)] as T,
    /** 0 … max, mostly small: most customers run a few sites, a few run many. */
    smallCount: (max: number) => Math.floor(next() ** 3 * (max + 1)),
  };
}

type Generator = ReturnType<typeof generator>;

/** Mail addresses are ASCII: "Müller" becomes "muller", "O'Brien" "obrien". */
const mailbox = (text: string) =>
  text
    .normalize('NFD')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();

function companyName(random: Generator, lastName: string): string {
  if (random.chance(0.0003)) return `${random.pick(rareCompanyWords)} ${random.pick(companyTrades)}`;
  const form = random.pickPopular(legalForms);
  const shape = random.next();
  if (shape < 0.4) return `${lastName} ${random.pick(companyTrades)} ${form}`;
  if (shape < 0.8) return `${random.pick(companyWords)} ${random.pick(companyTrades)} ${form}`;
  return `${lastName} & ${random.pickPopular(lastNames)}`;
}

function person(random: Generator) {
  const firstName = random.pickPopular(firstNames);
  const lastName = random.chance(0.0001) ? random.pick(rareLastNames) : random.pickPopular(lastNames);
  return { firstName, lastName };
}

function emailOf(random: Generator, who: { firstName: string; lastName: string }, company: string | null) {
  const first = mailbox(who.firstName);
  const last = mailbox(who.lastName);
  const local = random.pick([
    `${first}.${last}`,
    `${first[0]}${last}`,
    `${first}${last[0]}`,
    `${first}_${last}`,
  ]);
  const domain =
    company && random.chance(0.4)
      ? `${mailbox(company.split(' ')[0] ?? '')}.${random.pick(topLevelDomains)}`
      : random.pick(mailProviders);
  return { local, domain };
}

export interface SeededCustomer {
  id: string;
  userId: string;
  resellerId: string | null;
  packageId: string | null;
  firstName: string;
  lastName: string;
  company: string | null;
  email: string;
  status: 'active' | 'suspended' | 'deleted';
  createdAt: Date;
  statusSince: Date;
  siteCount: number;
  databaseCount: number;
}

export const resellerId = (index: number) => uuidOf(digest('reseller', index));
export const packageId = (index: number) => uuidOf(digest('package', index));

export function customerAt(index: number): SeededCustomer {
  const bytes = digest('customer', index);
  const random = generator(bytes);
  const who = person(random);
  const company = random.chance(0.65) ? companyName(random, who.lastName) : null;
  const address = emailOf(random, who, company);
  const createdAt = new Date(asOf - Math.floor(random.next() * 8 * 365 * day));
  const statusRoll = random.next();
  // The index keeps addresses unique, as the users' unique email index requires.
  return {
    id: uuidOf(bytes),
    userId: uuidOf(digest('customer user', index)),
    // Resellers vary in size as they do in life: the first ones hold most customers.
    resellerId: random.chance(0.05) ? null : resellerId(Math.floor(random.next() ** 2 * resellerCount)),
    packageId: random.chance(0.03) ? null : packageId(Math.floor(random.next() ** 2 * packageCount)),
    ...who,
    company,
    email: `${address.local}${index}@${address.domain}`,
    status: statusRoll < 0.9 ? 'active' : statusRoll < 0.96 ? 'suspended' : 'deleted',
    createdAt,
    statusSince: new Date(createdAt.getTime() + Math.floor(random.next() * (asOf - createdAt.getTime()))),
    siteCount: random.chance(0.15) ? 0 : 1 + random.smallCount(40),
    databaseCount: random.chance(0.25) ? 0 : random.smallCount(25),
  };
}

export function resellerAt(index: number) {
  const bytes = digest('reseller', index);
  const random = generator(bytes);
  const who = person(random);
  const company = companyName(random, who.lastName);
  return {
    id: uuidOf(bytes),
    userId: uuidOf(digest('reseller user', index)),
    name: `${who.firstName} ${who.lastName}`,
    company,
    email: `contact${index}@${mailbox(company.split(' ')[0] ?? '')}-hosting.${random.pick(topLevelDomains)}`,
  };
}

export function packageAt(index: number) {
  const random = generator(digest('package', index));
  const sites = (index % 5) * 5 + 1;
  return {
    id: packageId(index),
    name: packageNames[index] as string,
    sites,
    databases: sites * 2,
    diskMb: sites * 2048,
    mailboxes: random.pick([10, 25, 50, 100, null]),
  };
}
