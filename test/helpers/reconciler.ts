import path from 'node:path';
import { afterAll, expect } from 'vitest';
import type { FtpConfig } from '../../server/src/config.js';
import { DatabaseStore } from '../../server/src/provisioning/database-store.js';
import type { LogBounds } from '../../server/src/provisioning/drivers/files/log-rotation.js';
import { Reconciler } from '../../server/src/provisioning/reconciler.js';
import { localServer } from '../../server/src/provisioning/server-ref.js';
import { type Services, startServices } from '../../server/src/provisioning/services.js';
import { hostingKinds } from '../../server/src/resource-kinds.js';
import { eventually } from '../services/helpers.js';
import type { TestApp } from './app.js';
import { startPurgeWorker } from './customer-factory.js';

export interface TestServices {
  drivers: Services;
  reconciler: Reconciler;
  webPort: number | null;
}

/** What the test services run with: the drivers their settings allow (none by default). */
export interface TestServiceSettings {
  dataDir: string;
  webPort?: number | null;
  /** KEEL_WEB_TLS_PORT for Keel's nginx. */
  webTlsPort?: number | null;
  mariadbUrl?: string | null;
  dnsPort?: number | null;
  nameservers?: string[];
  /** Keel's Postfix and Dovecot on these ports (loopback), when given. */
  mail?: { smtpPort: number; submissionPort?: number; imapPort?: number; pop3Port?: number };
  ftp?: FtpConfig | null;
  /** The drift check's interval; the default sweep is longer than any test waits. */
  sweepMs?: number;
  /** How far the services' logs grow before they are rotated. */
  logBounds?: LogBounds;
}

/** The real drivers the settings allow, serving the customer homes under `homesDir`. */
export function startTestServices(homesDir: string, settings: TestServiceSettings): Promise<Services> {
  return startServices(hostingKinds, {
    dataDir: settings.dataDir,
    homesDir,
    webPort: settings.webPort ?? null,
    webTlsPort: settings.webTlsPort ?? null,
    nginxBin: null,
    mariadbUrl: settings.mariadbUrl ?? null,
    dnsPort: settings.dnsPort ?? null,
    pdnsBin: null,
    nameservers: settings.nameservers ?? ['ns1.keel.test'],
    mail: settings.mail && {
      smtpPort: settings.mail.smtpPort,
      submissionPort: settings.mail.submissionPort ?? null,
      imapPort: settings.mail.imapPort ?? null,
      pop3Port: settings.mail.pop3Port ?? null,
      host: '127.0.0.1',
      hostname: 'mail.keel.test',
      storeDir: null,
      tlsCertificate: null,
      tlsKey: null,
    },
    ftp: settings.ftp ?? null,
    logBounds: settings.logBounds,
  });
}

/** The test app's database as the panel's in-process reconciler sees it: the local server's resources. */
export const localStore = (keel: TestApp) =>
  new DatabaseStore({
    db: keel.handle.db,
    server: localServer,
    signals: keel.system.signals,
    panelKey: keel.system.panelKey,
    now: keel.clock.now,
  });

/**
 * The reconciler of a test app, with the real drivers its settings allow (none by default),
 * stopped after the file's tests.
 */
export async function startReconciler(keel: TestApp, settings: TestServiceSettings): Promise<TestServices> {
  const drivers = await startTestServices(keel.homesDir, settings);
  const reconciler = new Reconciler({
    store: localStore(keel),
    signals: keel.system.signals,
    kinds: drivers.kinds,
    now: keel.clock.now,
    sweepMs: settings.sweepMs,
  });
  await reconciler.start();
  afterAll(async () => {
    await reconciler.stop();
    await drivers.stop();
  });
  return { drivers, reconciler, webPort: settings.webPort ?? null };
}

/**
 * Soft-deletes and purges a customer through the API with a purge worker running, and waits
 * until the customer is gone, which it is only once the reconciler removed all it had.
 */
export async function purgeThroughApi(keel: TestApp, services: TestServices, customerId: string) {
  const purger = await startPurgeWorker(keel);
  const admin = await keel.admin();
  expect((await admin.delete(`/customers/${customerId}`)).statusCode).toBe(200);
  expect((await admin.post(`/customers/${customerId}/purge`)).statusCode).toBe(202);
  await services.reconciler.settle();
  await purger.sweepNow();
  await eventually(async () => expect((await admin.get(`/customers/${customerId}`)).statusCode).toBe(404));
}

export const homesUnder = (dataDir: string) => path.join(dataDir, 'homes');
