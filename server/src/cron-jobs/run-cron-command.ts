import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { signal } from '../provisioning/drivers/process/process-group.js';
import { type OutputLimits, OutputTail } from './cron-output.js';

export interface CronCommand {
  command: string;
  /** The customer's system uid, and its group of the same number. */
  uid: number;
  home: string;
}

export interface CronRunResult {
  /** The shell's exit code; 128 + the signal's number when it was killed, as a shell reports it. */
  exitCode: number | null;
  output: string;
}

/** What a job gets of an environment: nothing of Keel's own (its secrets, its database URL). */
const environment = (home: string) => ({
  HOME: home,
  PATH: '/usr/local/bin:/usr/bin:/bin',
  SHELL: '/bin/sh',
  LANG: 'C.UTF-8',
});

/**
 * Runs a job's command with /bin/sh -c as the customer's uid and gid (libuv drops every
 * supplementary group), in its home, as the leader of a process group of its own. It ends with
 * its shell: what it left running in the group is killed then, and the whole group is killed
 * when the time limit passes or `stop` is aborted (the job was switched off, its customer
 * suspended). Output beyond the limits is dropped as it comes.
 */
export function runCronCommand(
  job: CronCommand,
  limits: { timeoutMs: number; output: OutputLimits },
  stop: AbortSignal,
): Promise<CronRunResult> {
  const tail = new OutputTail(limits.output);
  return new Promise((resolve) => {
    let ended: string | null = null;
    const child = spawn('/bin/sh', ['-c', job.command], {
      cwd: job.home,
      uid: job.uid,
      gid: job.uid,
      env: environment(job.home),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killGroup = () => {
      if (child.pid !== undefined) signal(-child.pid, 'SIGKILL');
    };
    const end = (why: string) => {
      ended ??= why;
      killGroup();
    };
    const timer = setTimeout(
      () => end(`killed after ${limits.timeoutMs / 1000} s, the time limit`),
      limits.timeoutMs,
    );
    const onStop = () => end(`stopped: ${String(stop.reason ?? 'the job may no longer run')}`);
    if (stop.aborted) onStop();
    else stop.addEventListener('abort', onStop, { once: true });
    child.stdout.on('data', (chunk: Buffer) => tail.add(chunk));
    child.stderr.on('data', (chunk: Buffer) => tail.add(chunk));
    child.on('exit', killGroup);
    let done = false;
    const finish = (exitCode: number | null, note: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
      if (note) tail.note(`[keel] ${note}`);
      resolve({ exitCode, output: tail.text() });
    };
    child.on('error', (error) => finish(null, `could not start: ${error.message}`));
    child.on('close', (code, name) => {
      const exitCode = code ?? (name ? 128 + (constants.signals[name] ?? 0) : null);
      finish(exitCode, ended);
    });
  });
}
