import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteDocumentRoot } from '../../server/src/provisioning/drivers/files/customer-homes.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { addServerWithAgent } from '../helpers/running-agent.js';
import { startPanel } from '../helpers/running-server.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

const built = existsSync(new URL('../../dist/server/src/cli/main.js', import.meta.url));
const haveNginx = (await findNginxBinary()) !== undefined;
const admin = { email: 'backups-b-admin@example.test', password: 'a long enough operator passphrase' };

/**
 * Backups of a customer placed on another server run there: its agent claims the job, runs
 * restic on its own machine against the repository both reach, and reports back to the panel.
 */
describe.skipIf(mustSkip('nginx, restic and a build of Keel', haveNginx && built))(
  "backups and restores of a customer on another server, run by that server's agent",
  { timeout: 300_000 },
  async () => {
    const panelDir = await sharedTempDir('backups-panel');
    const agentDir = await sharedTempDir('backups-agent');
    // One machine in the test: a directory both reach stands for an sftp:/rest:/s3: repository.
    const backupDir = path.join(await sharedTempDir('backups-shared'), 'repositories');
    const agentWebPort = await freePort();
    const { panel, client } = await startPanel(admin, {
      KEEL_DATA_DIR: panelDir,
      KEEL_BACKUP_DIR: backupDir,
    });
    // Long sweeps (the helper's): only the panel's long poll can have woken the agent's runner.
    const { serverId } = await addServerWithAgent(
      client,
      panel.baseUrl,
      { name: 'backups-b', roles: ['web'] },
      { KEEL_DATA_DIR: agentDir, KEEL_WEB_PORT: String(agentWebPort), KEEL_BACKUP_DIR: backupDir },
    );

    const domain = `backup-${Date.now().toString(36)}.servers.test`;
    const created = await client.request('POST', '/customers', {
      firstName: 'Bo',
      lastName: 'Remote',
      email: `bo-${Date.now()}@example.test`,
      serverId,
    });
    expect(created.status).toBe(201);
    const customerId: string = created.json.customer.id;
    const base = `/customers/${customerId}`;
    const site = await client.request('POST', `${base}/websites`, { domain });
    expect(site.status).toBe(201);
    await eventually(async () => expect((await get(agentWebPort, domain)).status).toBe(200), 60_000, 200);
    const documentRoot = siteDocumentRoot(path.join(agentDir, 'homes'), customerId, site.json.id);
    const page = path.join(documentRoot, 'from-b.html');
    await writeFile(page, 'made on server B\n', { mode: 0o644 });

    const jobsDone = async () => {
      const jobs = (await client.request('GET', `${base}/backup-jobs`)).json.items as {
        kind: string;
        state: string;
      }[];
      expect(jobs.every((job) => job.state === 'done' || job.state === 'failed')).toBe(true);
      return jobs;
    };
    let backupId = '';

    it("backs up the customer's files on server B, where they are", async () => {
      const started = await client.request('POST', `${base}/backups`, {});
      expect(started.status).toBe(202);
      backupId = started.json.backup.id;
      await eventually(
        async () => {
          const backup = (await client.request('GET', `${base}/backups/${backupId}`)).json;
          expect(backup.state).toBe('ready');
        },
        60_000,
        200,
      );
      const backup = (await client.request('GET', `${base}/backups/${backupId}`)).json;
      expect(backup.contents.files).toBe(true);
      expect(existsSync(path.join(panelDir, 'homes', customerId))).toBe(false);

      const audit = await client.request('GET', `${base}/audit?action=backup.job_finished`);
      expect(audit.json.items).toHaveLength(1);
    });

    // The restore brings back the file deleted on B: the snapshot B's agent took holds it.
    it('restores the files on server B', async () => {
      await rm(page);
      await writeFile(path.join(documentRoot, 'made-later.html'), 'not in the backup\n');
      expect((await get(agentWebPort, domain, '/from-b.html')).status).toBe(404);
      const restore = await client.request('POST', `${base}/backups/${backupId}/restore`, {
        parts: ['files'],
      });
      expect(restore.status).toBe(202);
      await eventually(
        async () => {
          const jobs = await jobsDone();
          expect(jobs.find((job) => job.kind === 'restore')).toMatchObject({
            state: 'done',
          });
        },
        60_000,
        200,
      );
      await eventually(async () => {
        const answer = await get(agentWebPort, domain, '/from-b.html');
        expect(answer.status).toBe(200);
        expect(answer.body).toBe('made on server B\n');
      }, 10_000);
      expect(existsSync(path.join(documentRoot, 'made-later.html'))).toBe(false);
      expect(existsSync(path.join(panelDir, 'homes', customerId))).toBe(false);
    });
  },
);
