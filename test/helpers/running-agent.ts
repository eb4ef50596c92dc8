import { KeelProcess } from './keel-process.js';

/** The built `keel agent --panel <url> --token <token>` as a child process, the way an operator runs it. */
export class RunningAgent extends KeelProcess {
  constructor(args: string[], env: Record<string, string>) {
    super(['agent', ...args], env, { line: 'connected to', name: 'the agent' });
  }
}
