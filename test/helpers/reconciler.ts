import path from 'node:path';
import { afterAll } from 'vitest';
import {
  type ServiceDrivers,
  startServiceDrivers,
} from '../../server/src/provisioning/drivers/service-drivers.js';
import { Reconciler } from '../../server/src/provisioning/reconciler.js';
import type { TestApp } from './app.js';

export interface TestServices {
  drivers: ServiceDrivers;
  reconciler: Reconciler;
  webPort: number | null;
}

/**
 * The reconciler of a test app, with the real drivers its settings allow (none by default),
 * stopped after the file's tests.
 */
export async function startReconciler(
  keel: TestApp,
  settings: { dataDir: string; webPort?: number | null; mariadbUrl?: string | null },
): Promise<TestServices> {
  const drivers = await startServiceDrivers({
    dataDir: settings.dataDir,
    homesDir: keel.homesDir,
    webPort: settings.webPort ?? null,
    nginxBin: null,
    mariadbUrl: settings.mariadbUrl ?? null,
    dnsPort: null,
    pdnsBin: null,
    nameservers: [],
  });
  const reconciler = new Reconciler({
    db: keel.handle.db,
    signals: keel.system.signals,
    drivers,
    now: keel.clock.now,
  });
  await reconciler.start();
  afterAll(async () => {
    await reconciler.stop();
    await drivers.stop();
  });
  return { drivers, reconciler, webPort: settings.webPort ?? null };
}

export const homesUnder = (dataDir: string) => path.join(dataDir, 'homes');
