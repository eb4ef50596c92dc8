import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { packagePath } from '../../server/src/package-root.js';

export interface KeelProcess {
  baseUrl: string;
  /** Resident memory now and at its peak (VmRSS, VmHWM), in MiB. */
  memory(): Promise<{ rssMb: number; peakRssMb: number }>;
  stop(): Promise<void>;
}

async function memoryOf(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
  return { rssMb: kib('VmRSS') / 1024, peakRssMb: kib('VmHWM') / 1024 };
}

function exited(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Runs the built Keel (`bin/keel.js start`) as its own process, as an operator would, on a port the
 * system picks; resolves once it prints the address it listens on.
 */
export async function startKeel(env: Record<string, string>): Promise<KeelProcess> {
  const child = spawn(process.execPath, [packagePath('bin/keel.js'), 'start'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const address = output.match(/listening on (http:\/\/\S+)/)?.[1];
      if (address) resolve(address);
    });
    child.once('exit', (code) => reject(new Error(`Keel exited with ${code} before listening:\n${output}`)));
  });
  const pid = child.pid as number;
  return {
    baseUrl,
    memory: () => memoryOf(pid),
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
