import { expect } from 'vitest';
import { createCronJob } from '../../server/src/cron-jobs/create-cron-job.js';
import { createDatabase } from '../../server/src/databases/create-database.js';
import { createDnsZone } from '../../server/src/dns-zones/create-dns-zone.js';
import { createFtpAccount } from '../../server/src/ftp-accounts/create-ftp-account.js';
import { createMailAlias } from '../../server/src/mail/create-mail-alias.js';
import { createMailbox } from '../../server/src/mail/create-mailbox.js';
import type { resourceKinds } from '../../server/src/resource-kinds.js';
import { createWebsite } from '../../server/src/websites/create-website.js';
import type { TestApp } from './app.js';
import type { ApiClient } from './client.js';

type KindNoun = (typeof resourceKinds)[number]['kind']['noun'];

let made = 0;
const unique = (what: string) => `${what}${++made}${Date.now().toString(36)}`;

interface SampleResource {
  /** A body its create route accepts for the customer (after `arrange`), new each time. */
  createBody(customerId: string): Record<string, unknown>;
  /** What the customer must have before createBody's body is accepted (a domain for mail). */
  arrange?(keel: TestApp, customerId: string): Promise<void>;
  /** Makes one for the customer the way its create use case does; answers its id. */
  make(keel: TestApp, customerId: string): Promise<string>;
}

/**
 * One sample of every registered kind, for tests that cover every kind (the route-by-role
 * table). Keyed by the kinds' nouns, so a kind registered without a sample is a type error here.
 */
export const sampleResources: Record<KindNoun, SampleResource> = {
  website: {
    createBody: () => ({ domain: `${unique('site')}.example.test` }),
    make: async (keel, customerId) =>
      (await createWebsite(keel.system, customerId, { domain: `${unique('www')}.example.test` })).resource.id,
  },
  database: {
    createBody: () => ({ name: unique('extra') }),
    make: async (keel, customerId) =>
      (await createDatabase(keel.system, customerId, { name: unique('shop') })).resource.id,
  },
  dns_zone: {
    createBody: () => ({ domain: `${unique('zone')}.example.test` }),
    make: async (keel, customerId) =>
      (await createDnsZone(keel.system, customerId, { domain: `${unique('zone')}.example.test` })).resource
        .id,
  },
  mailbox: {
    arrange: arrangeMailDomain,
    createBody: (customerId) => ({ address: `${unique('box')}@${mailDomainOf(customerId)}` }),
    make: async (keel, customerId) =>
      (
        await createMailbox(keel.system, customerId, {
          address: `${unique('box')}@${await madeMailDomain(keel, customerId)}`,
        })
      ).resource.id,
  },
  mail_alias: {
    arrange: arrangeMailDomain,
    createBody: (customerId) => ({
      address: `${unique('alias')}@${mailDomainOf(customerId)}`,
      destinations: ['someone@elsewhere.example'],
    }),
    make: async (keel, customerId) =>
      (
        await createMailAlias(keel.system, customerId, {
          address: `${unique('alias')}@${await madeMailDomain(keel, customerId)}`,
          destinations: ['someone@elsewhere.example'],
        })
      ).resource.id,
  },
  ftp_account: {
    createBody: () => ({ user: unique('up') }),
    make: async (keel, customerId) =>
      (await createFtpAccount(keel.system, customerId, { user: unique('web') })).resource.id,
  },
  cron_job: {
    createBody: () => ({ schedule: '*/5 * * * *', command: `echo ${unique('tick')}` }),
    make: async (keel, customerId) =>
      (await createCronJob(keel.system, customerId, { schedule: '@daily', command: 'true' })).resource.id,
  },
};

/** The website domain a customer's sample addresses are at. */
const mailDomainOf = (customerId: string) => `${customerId}.mail.test`;

async function arrangeMailDomain(keel: TestApp, customerId: string): Promise<void> {
  await createWebsite(keel.system, customerId, { domain: mailDomainOf(customerId) });
}

/** A new website of the customer, for one sample address. */
async function madeMailDomain(keel: TestApp, customerId: string): Promise<string> {
  const domain = `${unique('mail')}.example.test`;
  await createWebsite(keel.system, customerId, { domain });
  return domain;
}

/**
 * Adding one of the kind, switching the customer's `resourceId` off and deleting it are each
 * refused with 409 and `problemType`, and leave the resource and the collection as they were.
 */
export async function expectResourceChangesRefused(
  client: ApiClient,
  customerId: string,
  kind: { noun: KindNoun; path: string },
  resourceId: string,
  problemType: string,
): Promise<void> {
  const collection = `/customers/${customerId}/${kind.path}`;
  const one = `${collection}/${resourceId}`;
  const before = (await client.get(one)).json();
  for (const response of [
    await client.post(collection, sampleResources[kind.noun].createBody(customerId)),
    await client.patch(one, { enabled: false }),
    await client.delete(one),
  ]) {
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().type).toBe(problemType);
  }
  expect((await client.get(one)).json()).toEqual(before);
  expect((await client.get(collection)).json().total).toBe(1);
}
