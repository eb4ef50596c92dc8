import { customerSortFields } from '../../server/src/customers/customers.schemas.js';
import { rareCompanyWords, rareLastNames } from './names.js';
import { customerAt, resellerAt, resellerCount } from './population.js';

/** The list query as the API receives it, before defaults. */
export interface ListQuery {
  page?: number;
  sort?: string;
  q?: string;
  status?: 'active' | 'suspended' | 'deleted';
  resellerId?: string;
}

export interface Shape {
  name: string;
  /** Signed in as the admin, the biggest reseller or the smallest one. */
  who: 'admin' | 'reseller' | 'small reseller';
  query: ListQuery;
}

/** Lower-case inner pieces of rare words, so the search is a true substring match. */
const fragment = (word: string | undefined) => (word ?? '').slice(1, 9).toLowerCase();

/** One customer's own address: what an operator pastes when a customer writes in. */
const someoneEmail = (customers: number) => customerAt(Math.floor(customers / 2)).email.split('@')[0] ?? '';

/**
 * Every query shape issue 6 names (the default page, each sort both ways, searches, a deep page,
 * a filter, a reseller's own list), and a small reseller's list in its default order, newest
 * first and searched.
 */
export function listShapes(customers: number): Shape[] {
  const sorts = customerSortFields.flatMap((field): Shape[] => [
    { name: `sort ${field}`, who: 'admin', query: { sort: field } },
    { name: `sort -${field}`, who: 'admin', query: { sort: `-${field}` } },
  ]);
  const search = (name: string, q: string): Shape => ({
    name: `search ${name} "${q}"`,
    who: 'admin',
    query: { q },
  });
  return [
    { name: 'default page', who: 'admin', query: {} },
    ...sorts,
    search('name, common', 'mar'),
    search('name, rare', fragment(rareLastNames[0])),
    search('email, common', 'gmail'),
    search('email, rare', someoneEmail(customers)),
    search('company, common', 'gmbh'),
    search('company, rare', fragment(rareCompanyWords[0])),
    { name: 'page 1000', who: 'admin', query: { page: 1000 } },
    { name: 'status=suspended', who: 'admin', query: { status: 'suspended' } },
    { name: "reseller's own list", who: 'reseller', query: {} },
    { name: "small reseller's own list", who: 'small reseller', query: {} },
    { name: 'small reseller, sort -createdAt', who: 'small reseller', query: { sort: '-createdAt' } },
    { name: 'small reseller, search "mar"', who: 'small reseller', query: { q: 'mar' } },
    ...deepPages(customers),
    ...filtersWithSearch(customers),
    ...shortSearches(),
  ];
}

const perPage = 25;
const deepestPage = 2000;

/**
 * Page 2,000 (50,000 rows skipped) where the matches reach that far, else a page at 80 % of their
 * depth: at 100,000 customers the 6 % suspended fill 240 pages, not 2,000.
 */
const deepPage = (customers: number, share: number) =>
  Math.max(2, Math.min(deepestPage, Math.floor(((customers * share) / perPage) * 0.8)));

/** Issue 17: a deep numbered page of every sort both ways, without and with the status filter. */
function deepPages(customers: number): Shape[] {
  const visible = deepPage(customers, 0.96);
  const suspended = deepPage(customers, 0.06);
  return customerSortFields.flatMap((field): Shape[] =>
    [field, `-${field}`].flatMap((sort): Shape[] => [
      { name: `deep: page ${visible}, sort ${sort}`, who: 'admin', query: { page: visible, sort } },
      {
        name: `deep: page ${suspended}, status=suspended, sort ${sort}`,
        who: 'admin',
        query: { page: suspended, sort, status: 'suspended' },
      },
    ]),
  );
}

/**
 * Issue 17: the reseller and status filters with a search and a sort other than the default, for
 * the biggest reseller (6 % of all customers) and the smallest (0.24 %). The searches: a common
 * fragment ("mar", 17 %), a surname (about 0.7 %: where walking a sort index to find 25 matches and
 * collecting every match then sorting cost most alike) and a rare name.
 */
function filtersWithSearch(customers: number): Shape[] {
  const big = resellerAt(0).id;
  const small = resellerAt(resellerCount - 1).id;
  const rare = fragment(rareLastNames[1]);
  const someone = someoneEmail(customers);
  const shape = (name: string, query: ListQuery, who: Shape['who'] = 'admin'): Shape => ({
    name: `filter: ${name}`,
    who,
    query,
  });
  return [
    shape('big resellerId, "mar", sort -createdAt', { resellerId: big, q: 'mar', sort: '-createdAt' }),
    shape('small resellerId, "mar", sort company', { resellerId: small, q: 'mar', sort: 'company' }),
    shape('big resellerId, suspended, "byrne", sort email', {
      resellerId: big,
      status: 'suspended',
      q: 'byrne',
      sort: 'email',
    }),
    shape('small resellerId, active, "byrne", sort -siteCount', {
      resellerId: small,
      status: 'active',
      q: 'byrne',
      sort: '-siteCount',
    }),
    shape(`big resellerId, "${rare}", sort createdAt`, { resellerId: big, q: rare, sort: 'createdAt' }),
    shape(`small resellerId, "${someone}", sort -package`, {
      resellerId: small,
      q: someone,
      sort: '-package',
    }),
    shape('suspended, "mar", sort -createdAt', { status: 'suspended', q: 'mar', sort: '-createdAt' }),
    shape('deleted, "byrne", sort reseller', { status: 'deleted', q: 'byrne', sort: 'reseller' }),
    shape('"byrne", sort -createdAt', { q: 'byrne', sort: '-createdAt' }),
    shape('reseller\'s own, "byrne", sort package', { q: 'byrne', sort: 'package' }, 'reseller'),
    shape(
      'small reseller\'s own, suspended, "mar", sort -databaseCount',
      {
        status: 'suspended',
        q: 'mar',
        sort: '-databaseCount',
      },
      'small reseller',
    ),
  ];
}

/** Issue 17: one and two letters, which match the start of a name, company or email. */
function shortSearches(): Shape[] {
  const shape = (q: string, query: ListQuery = {}, who: Shape['who'] = 'admin'): Shape => ({
    name: `short: "${q}"${Object.keys(query).length ? `, ${queryString(query).slice(1)}` : ''}${who === 'admin' ? '' : `, ${who}`}`,
    who,
    query: { q, ...query },
  });
  return [
    shape('m'),
    shape('ma'),
    shape('ma', { sort: '-createdAt' }),
    shape('ma', { status: 'suspended', sort: 'email' }),
    shape('zw'),
    shape('q', { sort: 'company' }),
    shape('ma', {}, 'small reseller'),
  ];
}

export function queryString(query: ListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
