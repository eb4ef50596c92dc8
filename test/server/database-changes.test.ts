import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../server/src/agent/change-feed.js';
import type { BackgroundWorker } from '../../server/src/background-worker.js';
import { createSignals, type Signals } from '../../server/src/context.js';
import type { DatabaseHandle } from '../../server/src/db/client.js';
import { resourcesChannel } from '../../server/src/hosting/resource-changes.js';
import { databaseChanges } from '../../server/src/provisioning/database-changes.js';
import { freshDatabase } from '../helpers/database.js';

// What an agent's long poll hears of changes committed by any panel on a shared PostgreSQL.
describe.runIf(process.env.TEST_DATABASE_URL)('the database change feed', () => {
  let handle: DatabaseHandle;
  let signals: Signals;
  let worker: BackgroundWorker;
  let feed: ChangeFeed;

  beforeEach(async () => {
    handle = await freshDatabase();
    signals = createSignals();
    feed = new ChangeFeed(signals, 'database');
    worker = databaseChanges({ handle, signals, log: { warn: () => undefined } });
    await worker.start();
  });

  afterEach(async () => {
    feed.close();
    await worker.stop();
    await handle.close();
  });

  const notify = (payload: string) =>
    (handle.pool as pg.Pool).query('select pg_notify($1, $2)', [resourcesChannel, payload]);

  // The worker announces itself when it starts listening: that is the first position.
  const settled = () => feed.after(0, 10_000);

  it('moves to the position another panel notified', async () => {
    const start = await settled();
    const next = feed.after(start, 10_000);
    await notify('42');
    expect(await next).toBe(42);
  });

  it('wakes a waiting poll on an older panel’s notification, which carries no position', async () => {
    const start = await settled();
    const next = feed.after(start, 10_000);
    await notify('');
    const moved = await next;
    expect(moved).not.toBe(start);
    expect(Number.isInteger(moved)).toBe(true);
  });

  it('does not move on this process’s own signal alone, whose notification follows from the database', async () => {
    const start = await settled();
    signals.emit('resourcesChanged');
    expect(await feed.after(start, 300)).toBe(start);
  });
});
