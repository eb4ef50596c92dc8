import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What an enrolled agent keeps: which panel, which server, and its credential (a secret). */
export interface AgentCredential {
  panel: string;
  server: { id: string; name: string };
  credential: string;
}

export const credentialFile = (dataDir: string) => path.join(dataDir, 'agent-credential.json');

/** The credential an earlier run of this agent stored, or null before its first enrollment. */
export async function readAgentCredential(dataDir: string): Promise<AgentCredential | null> {
  try {
    return JSON.parse(await readFile(credentialFile(dataDir), 'utf8')) as AgentCredential;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Readable by the agent's user only: whoever holds it acts as this server towards the panel. */
export async function writeAgentCredential(dataDir: string, stored: AgentCredential): Promise<void> {
  await writeFile(credentialFile(dataDir), `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
}
