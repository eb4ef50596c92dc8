import { execFile, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { Client } from 'basic-ftp';
import { afterAll, describe, expect, it } from 'vitest';
import { ftpAccountKind } from '../../server/src/ftp-accounts/ftp-account-kind.js';
import { processesInGroup } from '../../server/src/provisioning/drivers/process/process-group.js';
import {
  PureFtpdSupervisor,
  pureFtpdArgs,
} from '../../server/src/provisioning/drivers/pureftpd/supervisor.js';
import { testApp } from '../helpers/app.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, freePortRange, mustSkip, sharedTempDir } from './helpers.js';

const run = promisify(execFile);
const havePureFtpd = existsSync('/usr/sbin/pure-ftpd') && existsSync('/usr/bin/pure-pw');
const FTP_NAME = 'ftp.keel.test';

/** The operator's own certificate for the FTP server's name, as a CA would sign it (self-signed here). */
async function operatorCertificate(dir: string): Promise<{ cert: string; key: string; pem: string }> {
  const cert = path.join(dir, 'ftp-cert.pem');
  const key = path.join(dir, 'ftp-key.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    `/CN=${FTP_NAME}`,
    '-addext',
    `subjectAltName=DNS:${FTP_NAME}`,
  ]);
  return { cert, key, pem: await readFile(cert, 'utf8') };
}

describe.skipIf(mustSkip('pure-ftpd', havePureFtpd))(
  "Keel's pure-ftpd: the operator's certificate, and supervision",
  { timeout: 60_000 },
  async () => {
    const dataDir = await sharedTempDir('pure-ftpd');
    const keel = await testApp({ homesDir: path.join(dataDir, 'homes') });
    const ftpPort = await freePort();
    let operator = await operatorCertificate(dataDir);
    const ftp = {
      port: ftpPort,
      host: '127.0.0.1',
      passivePorts: await freePortRange(10),
      publicIp: null,
      tlsCert: operator.cert,
      tlsKey: operator.key,
    };
    const services = await startReconciler(keel, { dataDir, ftp });
    const driver = services.drivers.driverOf(ftpAccountKind);
    if (!driver) throw new Error('pure-ftpd did not start');
    const ftpd = driver.ftpd;
    const clients: Client[] = [];
    afterAll(() => {
      for (const client of clients) client.close();
    });

    const admin = await keel.admin();
    const customer = await makeCustomerOf(keel, null);
    const created = (await admin.post(`/customers/${customer.id}/ftp-accounts`, { user: 'web' })).json();
    await services.reconciler.settle();

    /** Logs in over explicit FTPS trusting only `trusted`, checked against the FTP server's name. */
    const login = async (trusted: string) => {
      const client = new Client(10_000);
      clients.push(client);
      await client.access({
        host: '127.0.0.1',
        port: ftpPort,
        user: created.ftpAccount.user,
        password: created.password,
        secure: true,
        secureOptions: { ca: trusted, servername: FTP_NAME },
      });
      return client;
    };
    const presented = (client: Client) =>
      (client.ftp.socket as TLSSocket).getPeerCertificate().fingerprint256;

    it("presents the operator's certificate, which a client checking it against the name trusts", async () => {
      const client = await login(operator.pem);
      expect(presented(client)).toBe(new X509Certificate(operator.pem).fingerprint256);
      expect(await client.pwd()).toBe('/');
    });

    it('serves a renewed certificate after a restart, and the old one is no longer presented', async () => {
      const previous = operator.pem;
      operator = await operatorCertificate(dataDir);
      await ftpd.stop();
      await ftpd.start();
      await expect(login(previous)).rejects.toThrow(/self[- ]signed|certificate/i);
      const client = await login(operator.pem);
      expect(presented(client)).toBe(new X509Certificate(operator.pem).fingerprint256);
    });

    it('names KEEL_FTP_PUBLIC_IP in passive replies, with a port of the passive range', async () => {
      const natPort = await freePort();
      const natRange = await freePortRange(5);
      const natted = new PureFtpdSupervisor({
        binaries: { server: '/usr/sbin/pure-ftpd', passwords: '/usr/bin/pure-pw' },
        stateDir: path.join(dataDir, 'behind-nat'),
        ftp: { ...ftp, port: natPort, passivePorts: natRange, publicIp: '203.0.113.7' },
      });
      try {
        await natted.start();
        await natted.writeUsers(await readFile(ftpd.layout.usersFile, 'utf8'));
        const client = new Client(10_000);
        clients.push(client);
        await client.access({
          host: '127.0.0.1',
          port: natPort,
          user: created.ftpAccount.user,
          password: created.password,
          secure: true,
          secureOptions: { ca: operator.pem, servername: FTP_NAME },
        });
        const reply = await client.send('PASV');
        const [, ip, high, low] = /\((\d+,\d+,\d+,\d+),(\d+),(\d+)\)/.exec(reply.message) ?? [];
        expect(ip).toBe('203,0,113,7');
        const port = Number(high) * 256 + Number(low);
        expect(port).toBeGreaterThanOrEqual(natRange.low);
        expect(port).toBeLessThanOrEqual(natRange.high);
      } finally {
        await natted.stop();
      }
    });

    it('starts pure-ftpd again after its master is killed', async () => {
      const first = ftpd.pid as number;
      const restarts = ftpd.restarts;
      process.kill(first, 'SIGKILL');
      await eventually(async () => {
        expect(ftpd.pid).toBeDefined();
        expect(ftpd.pid).not.toBe(first);
        expect(await ftpd.answers()).toBe(true);
      }, 15_000);
      expect(ftpd.restarts).toBe(restarts + 1);
      expect(await (await login(operator.pem)).pwd()).toBe('/');
    });

    it('ends a pure-ftpd left running by a Keel that was killed, and serves in its place', async () => {
      await ftpd.stop();
      // What a SIGKILLed Keel leaves behind: its pure-ftpd, still running.
      const leftover = spawn('/usr/sbin/pure-ftpd', pureFtpdArgs(ftpd.layout, ftp), {
        detached: true,
        stdio: 'ignore',
      });
      leftover.unref();
      await eventually(async () => expect(await ftpd.answers()).toBe(true), 10_000);
      await ftpd.start();
      expect(await processesInGroup(leftover.pid as number, 'pure-ftpd')).toEqual([]);
      expect(ftpd.pid).not.toBe(leftover.pid);
      expect(await (await login(operator.pem)).pwd()).toBe('/');
    });
  },
);
