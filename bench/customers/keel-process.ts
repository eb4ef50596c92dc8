import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { packagePath } from '../../server/src/package-root.js';

export interface KeelProcess {
  pid: number;
  /** Resident memory now and at its peak (VmRSS, VmHWM), in MiB. */
  memory(): Promise<{ rssMb: number; peakRssMb: number }>;
  /** CPU time the process has used so far, user and system together, in milliseconds. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

async function memoryOf(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
  return { rssMb: kib('VmRSS') / 1024, peakRssMb: kib('VmHWM') / 1024 };
}

// Linux counts /proc/<pid>/stat and /proc/stat times in clock ticks of USER_HZ, 100 a second on every architecture Node runs on.
const msPerTick = 10;

/** utime + stime (fields 14 and 15 of /proc/<pid>/stat); the name before them may hold spaces, so count from its ")". */
export async function cpuMsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * msPerTick;
}

/** CPU time the whole machine has spent in user, nice and system mode so far, all cores (/proc/stat). */
export async function machineCpuMs(): Promise<number> {
  const [total = ''] = (await readFile('/proc/stat', 'utf8')).split('\n');
  const [user = 0, nice = 0, system = 0] = total.split(/\s+/).slice(1, 4).map(Number);
  return (user + nice + system) * msPerTick;
}

function exited(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Runs a built `keel` command (`bin/keel.js <args>`) as its own process, as an operator would;
 * resolves with what `ready` matched in its output once it appears.
 */
async function startKeelCommand(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ keel: KeelProcess; matched: RegExpMatchArray }> {
  // Without DATABASE_URL (PGlite, or an agent) as `npm start` runs Keel: one V8 helper thread
  // (docs/performance.md).
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  const nodeOptions = childEnv.DATABASE_URL ? [] : ['--v8-pool-size=1'];
  const child = spawn(process.execPath, [...nodeOptions, packagePath('bin/keel.js'), ...args], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const matched = await new Promise<RegExpMatchArray>((resolve, reject) => {
    let output = '';
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(ready);
      if (!found) return;
      // What it prints later is its own business; only the ready line was wanted.
      child.stdout?.off('data', onOutput);
      child.stdout?.resume();
      resolve(found);
    };
    child.stdout?.on('data', onOutput);
    child.once('exit', (code) =>
      reject(new Error(`keel ${args[0]} exited with ${code} before it was up:\n${output}`)),
    );
  });
  const pid = child.pid as number;
  return {
    matched,
    keel: {
      pid,
      memory: () => memoryOf(pid),
      cpuMs: () => cpuMsOf(pid),
      stop: async () => {
        child.kill('SIGTERM');
        await exited(child);
      },
    },
  };
}

/** `keel start` on a port the system picks; resolves once it prints the address it listens on. */
export async function startKeel(env: Record<string, string>): Promise<KeelProcess & { baseUrl: string }> {
  const { keel, matched } = await startKeelCommand(
    ['start'],
    { HOST: '127.0.0.1', PORT: '0', ...env },
    /listening on (http:\/\/\S+)/,
  );
  return { ...keel, baseUrl: matched[1] as string };
}

/** `keel agent --panel <url> --token <token>`; resolves once it has connected to the panel. */
export async function startKeelAgent(
  panelUrl: string,
  token: string,
  env: Record<string, string>,
): Promise<KeelProcess> {
  const { keel } = await startKeelCommand(
    ['agent', '--panel', panelUrl, '--token', token],
    env,
    /connected to /,
  );
  return keel;
}
