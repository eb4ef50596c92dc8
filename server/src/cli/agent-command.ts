import { parseArgs } from 'node:util';
import { startAgent } from '../agent/run-agent.js';
import { loadConfig } from '../config.js';
import { hostingKinds } from '../resource-kinds.js';
import type { Command } from './commands.js';

const log = {
  info: (message: string) => console.log(message),
  warn: (message: string) => console.warn(message),
  error: (object: unknown, message: string) => console.error(message, object),
};

export const agentCommand: Command = {
  name: 'agent',
  summary: "Run a hosting server's services for a panel",
  usage: `keel agent --panel <url> [--token <enrollmentToken>]

Joins this machine to the panel at <url> as the server whose enrollment token is given (POST
/servers shows it once), then runs the services of its customers (KEEL_WEB_PORT, KEEL_MARIADB_URL
… as for keel start, with its own KEEL_DATA_DIR) and converges them to what the panel says. The
token is exchanged once for the agent's own credential, kept in KEEL_DATA_DIR, so the same command
started again reconnects without it. The agent never needs the panel's database.
SIGINT or SIGTERM stops it gracefully.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { panel: { type: 'string' }, token: { type: 'string' } },
      allowPositionals: false,
    });
    if (!values.panel) {
      console.error(`--panel is required.\n\n${this.usage}`);
      return 2;
    }
    const agent = await startAgent({
      panelUrl: values.panel,
      token: values.token ?? null,
      config: loadConfig(),
      kinds: hostingKinds,
      log,
    });
    await new Promise<void>((resolve) => {
      const shutdown = (signal: string) => {
        console.log(`Received ${signal}, stopping the agent…`);
        agent.stop().then(resolve, (error) => {
          console.error(error);
          process.exitCode = 1;
          resolve();
        });
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    });
    console.log('Agent stopped.');
    return 0;
  },
};
