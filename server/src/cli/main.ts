import { Problem } from '../errors/problem.js';
import { adminCommand } from './admin-command.js';
import { agentCommand } from './agent-command.js';
import type { Command } from './commands.js';
import { doctorCommand } from './doctor-command.js';
import { keptBackupsCommand } from './kept-backups-command.js';
import { migrateCommand } from './migrate-command.js';
import { purgeDueCommand } from './purge-due-command.js';
import { startCommand } from './start-command.js';
import { userCommand } from './user-command.js';

const commands: Command[] = [
  startCommand,
  migrateCommand,
  adminCommand,
  userCommand,
  purgeDueCommand,
  doctorCommand,
  keptBackupsCommand,
  agentCommand,
];

function overview(): string {
  const lines = commands.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`);
  return [
    'Usage: keel <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'keel <command> --help for more.',
  ].join('\n');
}

/** The `keel` command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    const message =
      error instanceof Problem
        ? `${error.detail ?? error.title}${error.errors ? ` ${error.errors.map((e) => e.message).join('; ')}` : ''}`
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`keel ${name}: ${message}`);
    return 1;
  }
}
