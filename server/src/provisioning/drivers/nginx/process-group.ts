import { processesInGroup } from '../process/process-group.js';

/** Live nginx processes (master and workers) whose process group is `groupId`. */
export function nginxProcessesInGroup(groupId: number): Promise<number[]> {
  return processesInGroup(groupId, 'nginx');
}
