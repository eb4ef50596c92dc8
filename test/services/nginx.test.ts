import { spawn } from 'node:child_process';
import { mkdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CustomerHomes,
  siteDocumentRoot,
} from '../../server/src/provisioning/drivers/files/customer-homes.js';
import {
  acceptingWorkers,
  type NginxWorker,
} from '../../server/src/provisioning/drivers/nginx/accepting-workers.js';
import { siteAccessLog, siteFile } from '../../server/src/provisioning/drivers/nginx/layout.js';
import {
  findNginxBinary,
  prefixArguments,
} from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { nginxProcessesInGroup } from '../../server/src/provisioning/drivers/nginx/process-group.js';
import { NginxSupervisor } from '../../server/src/provisioning/drivers/nginx/supervisor.js';
import type { WebsiteDesired } from '../../server/src/provisioning/drivers/nginx/website-driver.js';
import { NginxWebsiteDriver } from '../../server/src/provisioning/drivers/nginx/website-driver.js';
import { eventually, freePort, get, mustSkip, newId, sharedTempDir } from './helpers.js';

const binary = await findNginxBinary();

describe.skipIf(mustSkip('nginx', binary !== undefined))('nginx website driver (real nginx)', () => {
  let dir: string;
  let port: number;
  let nginx: NginxSupervisor;
  let homes: CustomerHomes;
  let websites: NginxWebsiteDriver;
  const customerId = newId();

  function site(state: WebsiteDesired['state'], id = newId()): WebsiteDesired {
    return { id, customerId, domain: `site-${id.slice(0, 8)}.example.test`, state };
  }

  async function expectServing(website: WebsiteDesired): Promise<void> {
    await eventually(async () => {
      const answer = await get(port, website.domain);
      expect(answer.status).toBe(200);
      expect(answer.body).toContain(website.domain);
    });
  }

  async function expectSuspended(website: WebsiteDesired, requestPath = '/'): Promise<void> {
    await eventually(async () => {
      const answer = await get(port, website.domain, requestPath);
      expect(answer.status).toBe(503);
      expect(answer.body).toContain('This site is suspended');
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
    });
  }

  beforeAll(async () => {
    dir = await sharedTempDir('nginx');
    port = await freePort();
    homes = new CustomerHomes(path.join(dir, 'homes'));
    await homes.prepare();
    nginx = new NginxSupervisor({
      binary: binary as string,
      stateDir: path.join(dir, 'nginx'),
      port,
      workerProcesses: 1,
    });
    await nginx.start();
    websites = new NginxWebsiteDriver(nginx, homes);
  });

  afterAll(async () => {
    await nginx?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves a live site by its Host header and nothing for unknown names', async () => {
    const live = site('live');
    expect(await websites.apply([live])).toEqual([{ id: live.id, ok: true }]);
    await expectServing(live);
    const unknown = await get(port, 'nobody-has-this.example.test');
    expect(unknown.status).toBe(404);
  });

  it('answers 503 with the suspended page on every path of a suspended site, and restores it', async () => {
    const website = site('live');
    await websites.apply([website]);
    await expectServing(website);
    expect(await websites.apply([{ ...website, state: 'suspended' }])).toEqual([
      { id: website.id, ok: true },
    ]);
    for (const requestPath of ['/', '/?a=1', '/deep/path', '/index.html?x=%27']) {
      await expectSuspended(website, requestPath);
    }
    await websites.apply([website]);
    await expectServing(website);
  });

  it('reloads once per batch and not at all when nothing changed', async () => {
    const batch = Array.from({ length: 5 }, () => site('live'));
    const before = nginx.reloads;
    await websites.apply(batch);
    expect(nginx.reloads).toBe(before + 1);
    await Promise.all(batch.map((website) => expectServing(website)));
    await websites.apply(batch);
    expect(nginx.reloads).toBe(before + 1);
    await websites.apply(batch.map((website) => ({ ...website, state: 'suspended' as const })));
    expect(nginx.reloads).toBe(before + 2);
    await Promise.all(batch.map((website) => expectSuspended(website)));
  });

  it('reports a change applied only once no worker of the configuration before accepts connections', async () => {
    const website = site('live');
    await websites.apply([website]);
    await expectServing(website);
    const before = await acceptingWorkers(nginx.pid as number);
    expect(before).toHaveLength(1);
    const old = before[0] as NginxWorker;
    // Stopped, the old worker cannot act on the master's word to quit: it stays a worker that
    // accepts connections (with the suspension, a worker that still serves the site) until let go on.
    process.kill(old.pid, 'SIGSTOP');
    let stillAcceptingWhenApplied: number | undefined;
    let applied = false;
    const applying = websites.apply([{ ...website, state: 'suspended' }]).then(async (results) => {
      stillAcceptingWhenApplied = (await acceptingWorkers(nginx.pid as number)).filter(
        (worker) => worker.pid === old.pid,
      ).length;
      applied = true;
      return results;
    });
    try {
      await expectSuspended(website);
      // The new worker answers: a driver that does not wait for the old one reports the change
      // applied within a few more answers. Then the old worker is let go on.
      let answers = 0;
      await eventually(async () => {
        answers += 1;
        expect((await get(port, website.domain)).status).toBe(503);
        expect(applied || answers >= 10).toBe(true);
      });
    } finally {
      process.kill(old.pid, 'SIGCONT');
    }
    expect(await applying).toEqual([{ id: website.id, ok: true }]);
    expect(stillAcceptingWhenApplied).toBe(0);
  });

  it('rolls back a vhost that fails nginx -t and keeps every other site serving', async () => {
    const existing = site('live');
    await websites.apply([existing]);
    await expectServing(existing);
    const good = site('live');
    const broken = site('live');
    // Something in the way of the site's log file makes nginx -t fail for that vhost alone.
    await mkdir(siteAccessLog(nginx.layout, broken.id));
    const before = nginx.reloads;

    const results = await websites.apply([good, broken, { ...existing, state: 'suspended' }]);

    expect(results[0]).toEqual({ id: good.id, ok: true });
    expect(results[1]).toMatchObject({
      id: broken.id,
      ok: false,
      error: expect.stringMatching(/nginx rejected.*Is a directory/),
    });
    expect(results[2]).toEqual({ id: existing.id, ok: true });
    expect(nginx.reloads).toBe(before + 1);
    await expect(stat(siteFile(nginx.layout, broken.id))).rejects.toThrow(/ENOENT/);
    await expectServing(good);
    await expectSuspended(existing);
    await rm(siteAccessLog(nginx.layout, broken.id), { recursive: true });
    expect(await websites.apply([broken])).toEqual([{ id: broken.id, ok: true }]);
    await expectServing(broken);
  });

  it('sets aside a file nginx rejects without naming it, found by bisecting, and applies the batch', async () => {
    const website = site('live');
    const rejected = site('live');
    await websites.apply([website]);
    await expectServing(website);
    // nginx's complaint names only the log path, not this file, nor any website.
    const handMade = path.join(nginx.layout.sitesDir, 'hand-made.conf');
    await writeFile(handMade, 'access_log "/nonexistent-keel-dir/hand-made.log";\n');
    await mkdir(siteAccessLog(nginx.layout, rejected.id));

    const results = await websites.apply([{ ...website, state: 'suspended' }, rejected]);

    expect(results[0]).toEqual({ id: website.id, ok: true });
    expect(results[1]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/nginx rejected.*Is a directory/),
    });
    await expectSuspended(website);
    await expect(stat(handMade)).rejects.toThrow(/ENOENT/);
    expect(await websites.inventory()).toContainEqual({ kind: 'vhost-held', name: 'hand-made' });
    // Only Keel's own sites go back to the reconciler; this file is logged and left for the operator.
    expect(nginx.takeHeldSites()).toEqual([]);
    await rm(path.join(nginx.layout.sitesHeldDir, 'hand-made.conf'));
    await rm(siteAccessLog(nginx.layout, rejected.id), { recursive: true });
  });

  it('suspends a site even when its files cannot be touched', async () => {
    const website = site('live');
    await websites.apply([website]);
    await expectServing(website);
    const siteDir = path.dirname(siteDocumentRoot(homes.homesRoot, customerId, website.id));
    await rename(siteDir, `${siteDir}.moved`);
    await symlink(`${siteDir}.moved`, siteDir);
    expect(await websites.apply([{ ...website, state: 'suspended' }])).toEqual([
      { id: website.id, ok: true },
    ]);
    await expectSuspended(website);
    const [live] = await websites.apply([website]);
    expect(live).toMatchObject({ ok: false, error: expect.stringMatching(/not a plain directory/) });
    await expectSuspended(website);
    await rm(siteDir);
    await rename(`${siteDir}.moved`, siteDir);
  });

  it('removes an absent site: vhost first, then its files', async () => {
    const website = site('live');
    await websites.apply([website]);
    await expectServing(website);
    expect(await websites.apply([{ ...website, state: 'absent' }])).toEqual([{ id: website.id, ok: true }]);
    await eventually(async () => expect((await get(port, website.domain)).status).toBe(404));
    expect(await nginx.listSiteIds()).not.toContain(website.id);
    await expect(stat(siteDocumentRoot(homes.homesRoot, customerId, website.id))).rejects.toThrow(/ENOENT/);
    expect(await websites.apply([{ ...website, state: 'absent' }])).toEqual([{ id: website.id, ok: true }]);
  });

  it('refuses values that could break out of the nginx syntax', async () => {
    const id = newId();
    const documentRoot = path.join(dir, 'www');
    const results = await nginx.applySites([
      { id, state: 'live', domain: 'a.example.test; include /etc/passwd', documentRoot },
      { id: newId(), state: 'live', domain: 'b.example.test', documentRoot: `${documentRoot}"; root /` },
      { id: newId(), state: 'live', domain: 'c.example.test', documentRoot: `${documentRoot}/$host` },
      { id: '../../etc/x', state: 'absent' },
      { id: newId(), state: 'live', domain: 'Upper.Example.test', documentRoot },
    ]);
    expect(results.map((result) => result.ok)).toEqual([false, false, false, false, false]);
    const viaDriver = await websites.apply([
      { id: newId(), customerId: '../other', domain: 'd.example.test', state: 'live' },
    ]);
    expect(viaDriver[0]).toMatchObject({ ok: false, error: expect.stringMatching(/invalid customer id/) });
  });

  it('lists vhosts and homes for inventory', async () => {
    const website = site('suspended');
    await websites.apply([website]);
    const items = await websites.inventory();
    expect(items).toContainEqual({ kind: 'vhost', name: website.id });
    expect(items).toContainEqual({ kind: 'home', name: customerId });
  });

  it('sets aside a vhost nginx rejects at start and serves every other site', async () => {
    const healthy = site('live');
    const doomed = site('live');
    await websites.apply([healthy, doomed]);
    await expectServing(doomed);
    await nginx.stop();
    await rm(siteAccessLog(nginx.layout, doomed.id));
    await mkdir(siteAccessLog(nginx.layout, doomed.id));

    await nginx.start();
    expect(nginx.sitesHeldAtStart).toEqual([doomed.id]);
    await expectServing(healthy);
    expect((await get(port, doomed.domain)).status).toBe(404);
    expect(await nginx.listSiteIds()).not.toContain(doomed.id);

    await nginx.stop();
    await rm(siteAccessLog(nginx.layout, doomed.id), { recursive: true });
    await nginx.start();
    expect(nginx.sitesHeldAtStart).toEqual([]);
    await expectServing(doomed);
  });

  it('starts nginx again after its master is killed', async () => {
    const website = site('live');
    await websites.apply([website]);
    await expectServing(website);
    const first = nginx.pid as number;
    process.kill(first, 'SIGKILL');
    await eventually(async () => {
      expect(nginx.pid).toBeDefined();
      expect(nginx.pid).not.toBe(first);
      await expectServing(website);
    });
    expect(nginx.restarts).toBe(1);
    expect(await nginxProcessesInGroup(first)).toEqual([]);
  }, 15_000);

  it('leaves no nginx process behind when stopped', async () => {
    const pid = nginx.pid as number;
    await nginx.stop();
    expect(await nginxProcessesInGroup(pid)).toEqual([]);
    await expect(get(port, 'any.example.test')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('ends an nginx left running by a Keel that was killed, then serves every site on a new port', async () => {
    const website = site('live');
    await nginx.start();
    await websites.apply([website]);
    await expectServing(website);
    await nginx.stop();
    // What a SIGKILLed Keel leaves behind: its nginx, still running.
    const leftover = spawn(binary as string, prefixArguments(nginx.layout), {
      detached: true,
      stdio: 'ignore',
    });
    leftover.unref();
    await expectServing(website);
    const newPort = await freePort();
    const again = new NginxSupervisor({
      binary: binary as string,
      stateDir: nginx.layout.prefix,
      port: newPort,
      workerProcesses: 1,
    });
    await again.start();
    try {
      expect(await nginxProcessesInGroup(leftover.pid as number)).toEqual([]);
      await expect(get(port, website.domain)).rejects.toThrow(/ECONNREFUSED/);
      port = newPort;
      await expectServing(website);
    } finally {
      await again.stop();
    }
  });
});
