import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { createWebsite } from '../../server/src/websites/create-website.js';
import { websiteKind } from '../../server/src/websites/website-kind.js';
import { testApp } from '../helpers/app.js';
import { insertReseller, makeCustomer } from '../helpers/customer-factory.js';
import { startReconciler } from '../helpers/reconciler.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

const haveNginx = (await findNginxBinary()) !== undefined;
const customerCount = 200;

describe.skipIf(mustSkip('nginx', haveNginx))(
  'a reseller suspending 200 customers in one action',
  async () => {
    const dataDir = await sharedTempDir('bulk');
    const keel = await testApp({ homesDir: path.join(dataDir, 'homes') });
    const webPort = await freePort();
    const services = await startReconciler(keel, { dataDir, webPort });
    const nginx = services.drivers.driverOf(websiteKind)?.nginx;
    const reseller = await insertReseller(keel);
    const resellerClient = await reseller.login();
    const ids: string[] = [];
    const domains: string[] = [];

    /** Every site's answer, asked a few at a time. */
    async function answers(): Promise<Set<number>> {
      const statuses: number[] = [];
      for (let from = 0; from < domains.length; from += 20) {
        const group = domains.slice(from, from + 20);
        statuses.push(
          ...(await Promise.all(group.map(async (domain) => (await get(webPort, domain)).status))),
        );
      }
      return new Set(statuses);
    }

    async function bulk(action: 'suspend' | 'reactivate') {
      await services.reconciler.settle();
      const reloadsBefore = nginx?.reloads ?? 0;
      const response = await resellerClient.post('/customers/bulk', {
        action,
        ids,
        reason: action === 'suspend' ? 'unpaid' : undefined,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().results.every((result: { status: number }) => result.status === 200)).toBe(true);
      await services.reconciler.settle();
      return (nginx?.reloads ?? 0) - reloadsBefore;
    }

    it('has a live site for each customer', { timeout: 240_000 }, async () => {
      for (let n = 0; n < customerCount; n++) {
        const customer = await makeCustomer(keel, { resellerId: reseller.id });
        const { resource: website } = await createWebsite(keel.system, customer.id, {
          domain: `site${n}.bulk.test`,
        });
        ids.push(customer.id);
        domains.push(website.domain);
      }
      await services.reconciler.settle();
      // nginx's old workers may answer for a moment after a reload.
      await eventually(async () => expect(await answers()).toEqual(new Set([200])), 20_000);
    });

    it('takes every site dark with one nginx reload', { timeout: 60_000 }, async () => {
      expect(await bulk('suspend')).toBe(1);
      await eventually(async () => expect(await answers()).toEqual(new Set([503])), 20_000);
    });

    it('brings every site back with one nginx reload', { timeout: 60_000 }, async () => {
      expect(await bulk('reactivate')).toBe(1);
      await eventually(async () => expect(await answers()).toEqual(new Set([200])), 20_000);
    });
  },
);
