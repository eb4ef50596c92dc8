/** How much of a run's output is kept: its last lines, and never more than this many bytes of them. */
export interface OutputLimits {
  lines: number;
  bytes: number;
}

export const keptOutput: OutputLimits = { lines: 100, bytes: 16 * 1024 };

/**
 * The tail of a run's stdout and stderr as they arrive, in a bounded buffer: a job printing
 * gigabytes costs Keel no more memory than a quiet one.
 */
export class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = false;

  constructor(private readonly limits: OutputLimits) {}

  add(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    // Twice the limit is kept until the end, so the cut falls on a line boundary where one is near.
    while (this.size > this.limits.bytes * 2 && this.chunks.length > 1) {
      this.size -= (this.chunks.shift() as Buffer).length;
      this.dropped = true;
    }
  }

  /** A line of Keel's own after the output (why a run was killed), on a line of its own. */
  note(line: string): void {
    const last = this.chunks.at(-1);
    const open = last !== undefined && last.length > 0 && last[last.length - 1] !== 0x0a;
    this.add(Buffer.from(`${open ? '\n' : ''}${line}\n`));
  }

  /** The kept text: the last `lines` lines within `bytes`, without a partial first character. */
  text(): string {
    let tail = Buffer.concat(this.chunks);
    let cut = this.dropped;
    if (tail.length > this.limits.bytes) {
      tail = tail.subarray(tail.length - this.limits.bytes);
      cut = true;
    }
    // A cut may fall inside a multi-byte character: skip its continuation bytes.
    let start = 0;
    while (cut && start < tail.length && ((tail[start] as number) & 0xc0) === 0x80) start += 1;
    let lines = tail.subarray(start).toString('utf8').split('\n');
    if (cut && lines.length > 1) lines = lines.slice(1);
    const trailing = lines.at(-1) === '' ? lines.pop() : undefined;
    if (lines.length > this.limits.lines) lines = lines.slice(lines.length - this.limits.lines);
    // PostgreSQL text holds no NUL: a job printing binary keeps the rest.
    return (lines.join('\n') + (trailing === undefined ? '' : '\n')).replaceAll('\0', '');
  }
}
