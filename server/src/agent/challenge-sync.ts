import { coalescedWake } from '../background-worker.js';
import { challengeFiles } from '../certificates/challenge-answers.js';
import { type PanelClient, PanelRefusal } from './panel-client.js';
import type { AgentLog } from './run-agent.js';

interface Challenge {
  token: string;
  keyAuthorization: string;
  placed: boolean;
}

/**
 * Keeps the HTTP-01 answers this server's nginx serves exactly those the panel holds for orders of
 * its sites (agent/acme-challenges.routes.ts): written when an order puts one, removed when it
 * ends, all of them again after a restart. Each answer newly in place is reported, which lets the
 * panel's order ask the CA to check. Woken by the panel's long poll; `sweepMs` covers a missed one.
 */
export function challengeSync(options: {
  client: PanelClient;
  challengeDir: string;
  sweepMs: number;
  log: AgentLog;
}): { start(): void; wake(): void; stop(): Promise<void> } {
  const { client, log } = options;
  const files = challengeFiles(options.challengeDir);
  let stopped = true;
  let sweep: NodeJS.Timeout | undefined;

  async function converge() {
    const { challenges } = await client.call<{ challenges: Challenge[] }>('GET', '/acme-challenges');
    const wanted = new Set(challenges.map((challenge) => challenge.token));
    for (const token of await files.tokens()) if (!wanted.has(token)) await files.remove(token);
    for (const { token, keyAuthorization, placed } of challenges) {
      if ((await files.answer(token)) !== keyAuthorization) await files.put(token, keyAuthorization);
      if (placed) continue;
      await client.call('POST', `/acme-challenges/${token}/placed`).catch((error: unknown) => {
        // The order ended meanwhile: its answer goes at the next wake.
        if (!(error instanceof PanelRefusal && error.status === 404)) throw error;
      });
    }
  }

  const wake = coalescedWake(
    () =>
      converge().catch((error: unknown) =>
        log.warn(`serving the ACME challenge answers failed: ${(error as Error).message}`),
      ),
    () => stopped,
  );

  return {
    start() {
      stopped = false;
      sweep = setInterval(() => void wake(), options.sweepMs);
      void wake();
    },
    wake: () => void wake(),
    async stop() {
      stopped = true;
      clearInterval(sweep);
      await wake();
    },
  };
}
