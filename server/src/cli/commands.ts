/** One `keel` sub-command: its usage text and what it does with the remaining arguments. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}
