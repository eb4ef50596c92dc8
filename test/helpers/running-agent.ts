import { afterAll, expect } from 'vitest';
import { KeelProcess } from './keel-process.js';
import type { SessionClient } from './running-server.js';

/** The built `keel agent --panel <url> --token <token>` as a child process, the way an operator runs it. */
export class RunningAgent extends KeelProcess {
  constructor(args: string[], env: Record<string, string>) {
    super(['agent', ...args], env, { line: 'connected to', name: 'the agent' });
  }
}

/**
 * A server added through the panel's API and its agent started with the enrollment token, as an
 * operator adds one; the agent is stopped after the file's tests. Its sweep is long (300 s) unless
 * `env` says otherwise, so what it does is brought by the panel's long poll.
 */
export async function addServerWithAgent(
  client: SessionClient,
  panelUrl: string,
  server: { name: string; roles: string[] },
  env: Record<string, string>,
): Promise<{ serverId: string; agent: RunningAgent }> {
  const added = await client.request('POST', '/servers', server);
  expect(added.status).toBe(201);
  const agent = new RunningAgent(['--panel', panelUrl, '--token', added.json.enrollmentToken], {
    KEEL_SWEEP_SECONDS: '300',
    ...env,
  });
  await agent.start();
  afterAll(() => agent.stop('SIGTERM'));
  return { serverId: added.json.server.id as string, agent };
}
