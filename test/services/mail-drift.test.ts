import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { mailboxKind } from '../../server/src/mail/mailbox-kind.js';
import { appliedFile, mailLayout } from '../../server/src/provisioning/drivers/mail/layout.js';
import { findMailBinaries } from '../../server/src/provisioning/drivers/mail/mail-binaries.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, mustSkip, sharedTempDir } from './helpers.js';

const haveMail = (await findMailBinaries()) !== undefined;
const sweepMs = 500;
const withinOneSweep = sweepMs + 3000;

describe.skipIf(mustSkip('Postfix and Dovecot', haveMail))(
  'mail files edited by hand or left by a crash',
  async () => {
    const dataDir = await sharedTempDir('mail-drift');
    const keel = await testApp();
    const mail = { smtpPort: await freePort() };
    const services = await startReconciler(keel, { dataDir, mail, sweepMs });
    const admin = await keel.admin();
    const customer = await makeCustomerOf(keel, null);
    const base = `/customers/${customer.id}`;
    await admin.post(`${base}/websites`, { domain: 'drift-mail.test' });
    const { mailbox } = (await admin.post(`${base}/mailboxes`, { address: 'box@drift-mail.test' })).json();
    const layout = mailLayout(path.join(dataDir, 'mail'));
    const ready = () =>
      eventually(
        async () =>
          expect((await admin.get(`${base}/mailboxes/${mailbox.id}`)).json().provisioning.state).toBe(
            'ready',
          ),
        10_000,
        50,
      );
    const rcptStatus = (to: string) =>
      nodemailer
        .createTransport({
          host: '127.0.0.1',
          port: mail.smtpPort,
          secure: false,
          tls: { rejectUnauthorized: false },
        })
        .sendMail({ from: 'someone@unresolvable.example', to, text: 'hello' })
        .then(
          () => 250,
          (error: { responseCode?: number }) => error.responseCode,
        );

    it('puts back a passwd-file edited and an applied file removed by hand, audited as repairs', async () => {
      await services.reconciler.settle();
      await ready();
      const users = await readFile(layout.usersFile, 'utf8');
      const applied = await readFile(appliedFile(layout, 'mailbox', mailbox.id), 'utf8');
      const repairsFound = async () =>
        (await auditedAs(keel, `${mailboxKind.noun}.repaired`)).map(
          (event) => (event.details as { differences: string[] }).differences,
        );
      await writeFile(layout.usersFile, `${users}intruder@drift-mail.test:{PLAIN}guess::::/tmp::\n`);
      await eventually(
        async () => expect(await readFile(layout.usersFile, 'utf8')).toBe(users),
        withinOneSweep,
      );
      expect(await repairsFound()).toEqual([[`${layout.usersFile} differs from what Keel writes`]]);
      await ready();

      await rm(appliedFile(layout, 'mailbox', mailbox.id));
      await eventually(
        async () => expect(await readFile(appliedFile(layout, 'mailbox', mailbox.id), 'utf8')).toBe(applied),
        withinOneSweep,
      );
      expect((await repairsFound())[1]).toContain('not applied');
      await ready();
    });

    it('rebuilds the maps from the applied files at the next start, after a Keel killed mid-batch', async () => {
      await services.reconciler.stop();
      await services.drivers.stop();
      // What a kill between writing an applied file and renaming the rebuilt maps leaves: the maps
      // of before (here: none of the domains) and a half-built map beside them.
      await writeFile(path.join(layout.postfixConfigDir, 'domains'), '');
      await rm(path.join(layout.postfixConfigDir, 'domains.lmdb'));
      await writeFile(path.join(layout.postfixConfigDir, 'domains.next'), 'half');
      // Started inside a test, where startReconciler's afterAll would not run: stopped here.
      const restarted = await startReconciler(keel, { dataDir, mail, sweepMs });
      try {
        expect(await readFile(path.join(layout.postfixConfigDir, 'domains'), 'utf8')).toBe(
          'drift-mail.test OK\n',
        );
        expect(await rcptStatus('box@drift-mail.test')).toBe(250);
      } finally {
        await restarted.reconciler.stop();
        await restarted.drivers.stop();
      }
    });
  },
);
