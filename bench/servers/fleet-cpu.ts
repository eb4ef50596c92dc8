import type { Fleet } from './fleet.js';

/** CPU time used so far by the panel's process and each agent's, in milliseconds. */
export interface FleetCpu {
  panel: number;
  agents: number[];
}

export async function fleetCpu(fleet: Fleet): Promise<FleetCpu> {
  return {
    panel: await fleet.panel.cpuMs(),
    agents: await Promise.all(fleet.servers.map((server) => server.agent.cpuMs())),
  };
}

const total = (cpu: FleetCpu) => cpu.panel + cpu.agents.reduce((sum, ms) => sum + ms, 0);

// Heartbeats and long polls cost a few milliseconds a second; a change being applied costs far more.
const quietWindowMs = 1000;
const quietCpuMs = 30;

/**
 * Waits until the panel and its agents together use under 30 ms of CPU in a whole second (what
 * a change in motion, its reports to the panel included, never does), and answers their CPU then.
 */
export async function untilQuiet(fleet: Fleet, timeoutMs: number): Promise<FleetCpu> {
  const deadline = performance.now() + timeoutMs;
  let last = await fleetCpu(fleet);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietWindowMs));
    const now = await fleetCpu(fleet);
    if (total(now) - total(last) < quietCpuMs) return now;
    if (performance.now() > deadline)
      throw new Error(`the panel and agents were still busy after ${timeoutMs} ms`);
    last = now;
  }
}
