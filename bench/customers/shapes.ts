import { customerSortFields } from '../../server/src/customers/customers.schemas.js';
import { rareCompanyWords, rareLastNames } from './names.js';
import { customerAt } from './population.js';

/** The list query as the API receives it, before defaults. */
export interface ListQuery {
  page?: number;
  sort?: string;
  q?: string;
  status?: 'active' | 'suspended' | 'deleted';
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
  ];
}

export function queryString(query: ListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
