import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { Client } from 'basic-ftp';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { customers } from '../../server/src/db/schema/customers.js';
import { ftpAccountKind } from '../../server/src/ftp-accounts/ftp-account-kind.js';
import { findDrift, repairDrift } from '../../server/src/provisioning/drift.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { checkInventory } from '../../server/src/provisioning/inventory.js';
import { testApp } from '../helpers/app.js';
import { localStore, purgeThroughApi, startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, freePortRange, get, mustSkip, sharedTempDir } from './helpers.js';

const haveServices = (await findNginxBinary()) !== undefined && existsSync('/usr/sbin/pure-ftpd');

describe.skipIf(mustSkip('pure-ftpd and nginx', haveServices))(
  "FTP accounts on Keel's own pure-ftpd (FTPS, real client)",
  async () => {
    const dataDir = await sharedTempDir('ftp');
    const keel = await testApp({ homesDir: path.join(dataDir, 'homes') });
    const webPort = await freePort();
    const ftpPort = await freePort();
    const services = await startReconciler(keel, {
      dataDir,
      webPort,
      ftp: {
        port: ftpPort,
        host: '127.0.0.1',
        passivePorts: await freePortRange(20),
        publicIp: null,
        tlsCert: null,
        tlsKey: null,
      },
    });
    const admin = await keel.admin();
    const clients: Client[] = [];
    afterAll(() => {
      for (const client of clients) client.close();
    });

    /** Logs in over explicit FTPS (Keel's own certificate is self-signed). */
    const login = async (user: string, password: string, secure = true) => {
      const client = new Client(10_000);
      clients.push(client);
      await client.access({
        host: '127.0.0.1',
        port: ftpPort,
        user,
        password,
        secure,
        secureOptions: { rejectUnauthorized: false },
      });
      return client;
    };
    const upload = (client: Client, content: string, remote: string) =>
      client.uploadFrom(Readable.from([content]), remote);
    const download = async (client: Client, remote: string) => {
      const chunks: Buffer[] = [];
      await client.downloadTo(
        new Writable({
          write(chunk, _encoding, done) {
            chunks.push(chunk);
            done();
          },
        }),
        remote,
      );
      return Buffer.concat(chunks).toString('utf8');
    };
    const ready = (customerId: string, accountId: string) =>
      eventually(async () => {
        const read = await admin.get(`/customers/${customerId}/ftp-accounts/${accountId}`);
        expect(read.json().provisioning).toMatchObject({ state: 'ready' });
      }, 15_000);

    const alice = await makeCustomerOf(keel, null);
    const bob = await makeCustomerOf(keel, null);
    const site = (await admin.post(`/customers/${alice.id}/websites`, { domain: 'shop.ftp.test' })).json();
    const aliceAccount = (
      await admin.post(`/customers/${alice.id}/ftp-accounts`, {
        user: 'web',
        directory: `sites/${site.id}/public`,
      })
    ).json();
    const bobAccount = (await admin.post(`/customers/${bob.id}/ftp-accounts`, { user: 'web' })).json();
    await ready(alice.id, aliceAccount.ftpAccount.id);
    await ready(bob.id, bobAccount.ftpAccount.id);
    const aliceUser: string = aliceAccount.ftpAccount.user;
    const alicePassword: string = aliceAccount.password;

    it("uploads over FTPS into the site's files, owned by the customer, and nginx serves them", async () => {
      const client = await login(aliceUser, alicePassword);
      await upload(client, '<h1>uploaded over FTPS</h1>', 'index.html');
      const [row] = await keel.handle.db
        .select({ uid: customers.systemUid })
        .from(customers)
        .where(eq(customers.id, alice.id));
      const onDisk = path.join(keel.homesDir, alice.id, 'sites', site.id, 'public', 'index.html');
      expect(await readFile(onDisk, 'utf8')).toBe('<h1>uploaded over FTPS</h1>');
      const owned = await stat(onDisk);
      expect(owned.uid).toBe(row?.uid);
      expect(owned.mode & 0o007).toBe(0);
      expect((await stat(path.join(keel.homesDir, alice.id))).mode & 0o007).toBe(0);
      await eventually(async () => {
        const answer = await get(webPort, 'shop.ftp.test');
        expect(answer.status).toBe(200);
        expect(answer.body).toBe('<h1>uploaded over FTPS</h1>');
      }, 15_000);
    });

    it('refuses a cleartext login', async () => {
      await expect(login(aliceUser, alicePassword, false)).rejects.toThrow(/TLS|cleartext/i);
    });

    it("reaches nothing above the account's directory, nor another customer's files", async () => {
      const bobClient = await login(bobAccount.ftpAccount.user, bobAccount.password);
      await upload(bobClient, 'bob only', 'secret.txt');
      const client = await login(aliceUser, alicePassword);
      await client.cd('..');
      expect(await client.pwd()).toBe('/');
      expect((await client.list()).map((entry) => entry.name)).toEqual(['index.html']);
      await expect(client.cd(path.join(keel.homesDir, bob.id))).rejects.toThrow(/550/);
      await expect(download(client, `../../../../${bob.id}/secret.txt`)).rejects.toThrow(/550/);
      await expect(download(client, path.join(keel.homesDir, bob.id, 'secret.txt'))).rejects.toThrow(/550/);
    });

    it('closes an open session when the customer is suspended, refuses logins, and lets in again on reactivation', async () => {
      const client = await login(aliceUser, alicePassword);
      expect(await client.pwd()).toBe('/');
      const suspended = await admin.post(`/customers/${alice.id}/suspend`, { reason: 'unpaid' });
      expect(suspended.statusCode).toBe(200);
      await eventually(async () => {
        await expect(client.pwd()).rejects.toThrow();
      }, 10_000);
      await expect(login(aliceUser, alicePassword)).rejects.toThrow(/530/);

      expect((await admin.post(`/customers/${alice.id}/reactivate`)).statusCode).toBe(200);
      const again = await eventually(() => login(aliceUser, alicePassword), 10_000);
      expect(await download(again, 'index.html')).toBe('<h1>uploaded over FTPS</h1>');
    });

    it('closes the session of an account switched off, and refuses its logins', async () => {
      const client = await login(aliceUser, alicePassword);
      const url = `/customers/${alice.id}/ftp-accounts/${aliceAccount.ftpAccount.id}`;
      expect((await admin.patch(url, { enabled: false })).statusCode).toBe(200);
      await eventually(async () => {
        await expect(client.pwd()).rejects.toThrow();
      }, 10_000);
      await expect(login(aliceUser, alicePassword)).rejects.toThrow(/530/);
    });

    it('closes the session of a deleted account, and refuses its logins', async () => {
      const created = (await admin.post(`/customers/${alice.id}/ftp-accounts`, { user: 'gone' })).json();
      await ready(alice.id, created.ftpAccount.id);
      const client = await login(created.ftpAccount.user, created.password);
      expect(await client.pwd()).toBe('/');
      const removed = await admin.delete(`/customers/${alice.id}/ftp-accounts/${created.ftpAccount.id}`);
      expect(removed.statusCode).toBe(204);
      await eventually(async () => {
        await expect(client.pwd()).rejects.toThrow();
      }, 10_000);
      await expect(login(created.ftpAccount.user, created.password)).rejects.toThrow(/530/);
    });

    it('closes an open session when the customer is soft-deleted, refuses logins, and lets in again once restored', async () => {
      const client = await login(bobAccount.ftpAccount.user, bobAccount.password);
      expect(await client.pwd()).toBe('/');
      expect((await admin.delete(`/customers/${bob.id}`)).statusCode).toBe(200);
      await eventually(async () => {
        await expect(client.pwd()).rejects.toThrow();
      }, 10_000);
      await expect(login(bobAccount.ftpAccount.user, bobAccount.password)).rejects.toThrow(/530/);

      expect((await admin.post(`/customers/${bob.id}/restore`)).statusCode).toBe(200);
      const again = await eventually(() => login(bobAccount.ftpAccount.user, bobAccount.password), 10_000);
      expect(await download(again, 'secret.txt')).toBe('bob only');
    });

    it('finds an account taken out of the users file by hand, and a repair puts it back', async () => {
      const created = (await admin.post(`/customers/${alice.id}/ftp-accounts`, { user: 'drift' })).json();
      await ready(alice.id, created.ftpAccount.id);
      const usersFile = path.join(dataDir, 'pure-ftpd', 'users');
      const lines = (await readFile(usersFile, 'utf8')).split('\n');
      await writeFile(
        usersFile,
        lines.filter((line) => !line.startsWith(`${created.ftpAccount.user}:`)).join('\n'),
      );
      const ftp = services.drivers.kinds.find((entry) => entry.kind === ftpAccountKind);
      if (!ftp) throw new Error('no FTP kind');
      const report = await findDrift(localStore(keel), ftp, { setAside: false });
      expect(report?.drifted).toEqual([
        { id: created.ftpAccount.id, differences: ['the account is missing from the users file'] },
      ]);
      await repairDrift(localStore(keel), services.drivers.kinds);
      await eventually(async () => {
        expect(await readFile(usersFile, 'utf8')).toContain(`${created.ftpAccount.user}:`);
        const after = await findDrift(localStore(keel), ftp, { setAside: false });
        expect(after?.drifted).toEqual([]);
      }, 15_000);
      const client = await login(created.ftpAccount.user, created.password);
      expect(await client.pwd()).toBe('/');
    });

    it('leaves nothing of a purged customer: no login, no home, no orphan for keel doctor', async () => {
      await purgeThroughApi(keel, services, bob.id);
      await expect(login(bobAccount.ftpAccount.user, bobAccount.password)).rejects.toThrow(/530/);
      expect(existsSync(path.join(keel.homesDir, bob.id))).toBe(false);
      const findings = await checkInventory(keel.handle.db, services.drivers.kinds);
      expect(
        findings.filter((finding) => finding.name === bob.id || finding.name === bobAccount.ftpAccount.user),
      ).toEqual([]);
    });
  },
);
