import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { webGroupId } from '../../server/src/provisioning/drivers/files/home-owner.js';
import { findInstalledPhp } from '../../server/src/provisioning/drivers/php-fpm/php-versions.js';
import { PhpFpmSupervisor } from '../../server/src/provisioning/drivers/php-fpm/supervisor.js';
import { findExecutable } from '../../server/src/provisioning/drivers/process/find-executable.js';
import { processesInGroup } from '../../server/src/provisioning/drivers/process/process-group.js';
import { eventually, mustSkip, sharedTempDir } from './helpers.js';

const php = (await findInstalledPhp()).at(-1);
const isRoot = process.getuid?.() === 0;

describe.skipIf(mustSkip('php-fpm, run as root', php !== undefined && isRoot))(
  "Keel's php-fpm master",
  { timeout: 60_000 },
  () => {
    const installed = php as NonNullable<typeof php>;
    const comm = path.basename(installed.binary).slice(0, 15);
    const supervisor = async (stateDir: string) =>
      new PhpFpmSupervisor({
        php: installed,
        stateDir,
        access: { owner: 'nobody', group: await webGroupId() },
        setpriv: await findExecutable('setpriv', ['/usr/bin']),
      });
    const groupsOf = async (pid: number) =>
      /^Groups:(.*)$/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1]?.trim();

    it("starts without Keel's supplementary groups, which pools with a numeric user would keep", async () => {
      const master = await supervisor(await sharedTempDir('php-fpm-groups'));
      // As a root login shell has them; a systemd service has none.
      process.setgroups?.([0, 4]);
      try {
        expect(await groupsOf(process.pid)).toBe('0 4');
        await master.start();
      } finally {
        process.setgroups?.([]);
      }
      expect(await groupsOf(master.pid as number)).toBe('');
      await master.stop();
    });

    it('ends a master left running by a Keel that was killed, runs its own, and leaves nothing when stopped', async () => {
      const stateDir = await sharedTempDir('php-fpm-master');
      const first = await supervisor(stateDir);
      await first.start();
      await first.stop();
      // What a killed Keel leaves: a master on Keel's config, no longer anyone's child to stop.
      const leftover = spawn(installed.binary, ['--nodaemonize', '--fpm-config', first.layout.confFile], {
        detached: true,
        stdio: 'ignore',
      });
      const leftoverPid = leftover.pid as number;
      await eventually(async () =>
        expect((await readFile(first.layout.pidFile, 'utf8')).trim()).toBe(String(leftoverPid)),
      );

      const second = await supervisor(stateDir);
      await second.start();
      expect(await processesInGroup(leftoverPid, comm)).toEqual([]);
      const master = second.pid as number;
      expect(master).not.toBe(leftoverPid);
      expect(await processesInGroup(master, comm)).toEqual([master]);
      expect(await second.test()).toEqual({ ok: true });
      await second.reload();

      await second.stop();
      expect(await processesInGroup(master, comm)).toEqual([]);
    });
  },
);
