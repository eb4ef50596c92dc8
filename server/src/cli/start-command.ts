import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { startServer } from '../server.js';
import type { Command } from './commands.js';

export const startCommand: Command = {
  name: 'start',
  summary: 'Run the panel: API, web UI and background workers',
  usage: `keel start

Migrates the database, creates the first admin if there is none, and serves the API and web UI on
HOST:PORT (default 127.0.0.1:8080). Configuration comes from the environment; see README.md.
SIGINT or SIGTERM stops it gracefully.`,
  async run(args) {
    parseArgs({ args, options: {}, allowPositionals: false });
    const server = await startServer(loadConfig());
    await new Promise<void>((resolve) => {
      const shutdown = (signal: string) => {
        console.log(`Received ${signal}, stopping Keel…`);
        server.stop().then(resolve, (error) => {
          console.error(error);
          process.exitCode = 1;
          resolve();
        });
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    });
    console.log('Keel stopped.');
    return 0;
  },
};
