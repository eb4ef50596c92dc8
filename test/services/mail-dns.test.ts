import { Resolver } from 'node:dns/promises';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { findMailBinaries } from '../../server/src/provisioning/drivers/mail/mail-binaries.js';
import { findPowerDnsBinaries } from '../../server/src/provisioning/drivers/powerdns/pdns-binary.js';
import { testApp } from '../helpers/app.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, mustSkip, sharedTempDir } from './helpers.js';

const haveServices = (await findMailBinaries()) !== undefined && (await findPowerDnsBinaries()) !== undefined;

describe.skipIf(mustSkip('Postfix, Dovecot, OpenDKIM and PowerDNS', haveServices))(
  "a mail domain in the customer's own zone, with DKIM-signed outgoing mail",
  async () => {
    const dataDir = await sharedTempDir('mail-dns');
    const keel = await testApp({ mailHostname: 'mx.keel-host.test' });
    const [dnsPort, smtp, submission, imap] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const services = await startReconciler(keel, {
      dataDir,
      dnsPort,
      nameservers: ['ns1.keel.test'],
      mail: { smtpPort: smtp, submissionPort: submission, imapPort: imap },
      // The sweep measures the mailboxes' used space.
      sweepMs: 250,
    });
    const admin = await keel.admin();
    const customer = await makeCustomerOf(keel, null);
    const base = `/customers/${customer.id}`;
    const domain = 'signed-mail.test';
    const zone = (await admin.post(`${base}/dns-zones`, { domain })).json();
    const created = (await admin.post(`${base}/mailboxes`, { address: `box@${domain}` })).json();
    const mailboxUrl = `${base}/mailboxes/${created.mailbox.id}`;
    const password: string = created.password;

    const dns = new Resolver({ timeout: 1000, tries: 1 });
    dns.setServers([`127.0.0.1:${dnsPort}`]);
    const tls = { rejectUnauthorized: false };

    /** The newest message of the mailbox as it was stored, read over IMAP. */
    async function newestMessage(): Promise<{ count: number; source: Buffer | undefined }> {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port: imap,
        secure: false,
        tls,
        auth: { user: `box@${domain}`, pass: password },
        logger: false,
      });
      await client.connect();
      try {
        const lock = await client.getMailboxLock('INBOX');
        try {
          const count = typeof client.mailbox === 'object' ? client.mailbox.exists : 0;
          if (count === 0) return { count, source: undefined };
          const message = await client.fetchOne(String(count), { source: true });
          return { count, source: message ? message.source : undefined };
        } finally {
          lock.release();
        }
      } finally {
        await client.logout();
      }
    }

    it("answers the domain's MX, SPF and DKIM records from the customer's zone, each change audited", async () => {
      await eventually(
        async () =>
          expect(await dns.resolveMx(domain)).toMatchObject([
            { exchange: 'mx.keel-host.test', priority: 10 },
          ]),
        10_000,
        50,
      );
      expect(await dns.resolveTxt(domain)).toEqual([['v=spf1 mx -all']]);
      const dkim = (await dns.resolveTxt(`keel._domainkey.${domain}`)).map((strings) => strings.join(''));
      expect(dkim).toHaveLength(1);
      expect(dkim[0]).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/]{300,}={0,2}$/);
      const audit = (await admin.get(`${base}/audit?perPage=100`)).json();
      expect(audit.items.map((event: { action: string }) => event.action)).toContain('dns_zone.updated');

      // A second address at the domain changes nothing in the zone.
      const serial = (await admin.get(`${base}/dns-zones/${zone.id}`)).json().serial;
      expect(
        (
          await admin.post(`${base}/mail-aliases`, {
            address: `hi@${domain}`,
            destinations: [`box@${domain}`],
          })
        ).statusCode,
      ).toBe(201);
      expect((await admin.get(`${base}/dns-zones/${zone.id}`)).json().serial).toBe(serial);
    });

    it('signs what the mailbox sends through submission with the key its zone publishes', async () => {
      await services.reconciler.settle();
      await eventually(
        async () => expect((await admin.get(mailboxUrl)).json().provisioning.state).toBe('ready'),
        10_000,
        50,
      );
      const submit = nodemailer.createTransport({
        host: '127.0.0.1',
        port: submission,
        secure: false,
        requireTLS: true,
        tls,
        auth: { user: `box@${domain}`, pass: password },
      });
      await submit.sendMail({
        from: `box@${domain}`,
        to: `box@${domain}`,
        subject: 'signed',
        text: 'hello\n',
      });
      const stored = await eventually(
        async () => {
          const message = await newestMessage();
          expect(message.source?.toString()).toMatch(/Subject: signed/);
          return message.source as Buffer;
        },
        10_000,
        100,
      );
      expect(stored.toString()).toMatch(/^DKIM-Signature: .*d=signed-mail\.test/m);
      const verified = await dkimVerify(stored, {
        resolver: (name, type) => dns.resolve(name, type as 'TXT'),
      });
      expect(verified.results).toEqual([
        expect.objectContaining({
          signingDomain: domain,
          selector: 'keel',
          status: expect.objectContaining({ result: 'pass' }),
        }),
      ]);

      // Mail from outside (port 25) is delivered as it came: Keel signs only what its customers send.
      await nodemailer
        .createTransport({ host: '127.0.0.1', port: smtp, secure: false, tls })
        .sendMail({ from: 'someone@elsewhere.example', to: `box@${domain}`, subject: 'inbound', text: 'x' });
      const inbound = await eventually(
        async () => {
          const message = await newestMessage();
          expect(message.source?.toString()).toMatch(/Subject: inbound/);
          return message.source as Buffer;
        },
        10_000,
        100,
      );
      expect(inbound.toString()).not.toMatch(/^DKIM-Signature:/m);
    });

    it('shows the space its stored messages take, measured on disk', async () => {
      // The sweep measures every 250 ms: the two messages of the test before may have arrived since its last.
      const before = await eventually(
        async () => {
          const usedMb = (await admin.get(mailboxUrl)).json().usedMb;
          expect(usedMb).toBeGreaterThan(0);
          return usedMb;
        },
        10_000,
        100,
      );
      expect(before).toBeLessThan(1 + 1);
      // About 1.5 MB of text (lines under SMTP's 1000-byte limit).
      const big = `${'x'.repeat(99)}\n`.repeat(15_000);
      await nodemailer
        .createTransport({ host: '127.0.0.1', port: smtp, secure: false, tls })
        .sendMail({ from: 'someone@elsewhere.example', to: `box@${domain}`, subject: 'big', text: big });
      await eventually(async () => expect((await admin.get(mailboxUrl)).json().usedMb).toBe(2), 10_000, 100);
    });

    it("removes the domain's key from disk once the domain has no mailbox or alias left", async () => {
      const keyFile = path.join(dataDir, 'mail', 'opendkim', 'keys', `${domain}.pem`);
      const key = await stat(keyFile);
      expect(key.mode & 0o777).toBe(0o600);
      expect((await stat(path.dirname(keyFile))).mode & 0o777).toBe(0o700);
      const aliases = (await admin.get(`${base}/mail-aliases`)).json().items;
      for (const alias of aliases)
        expect((await admin.delete(`${base}/mail-aliases/${alias.id}`)).statusCode).toBe(204);
      await services.reconciler.settle();
      expect((await stat(keyFile)).isFile()).toBe(true);
      expect((await admin.delete(mailboxUrl)).statusCode).toBe(204);
      await services.reconciler.settle();
      await eventually(async () => expect(await readdir(path.dirname(keyFile))).toEqual([]), 10_000, 50);
      expect(await readFile(path.join(dataDir, 'mail', 'opendkim', 'signing-table'), 'utf8')).toBe('');
    });
  },
);
