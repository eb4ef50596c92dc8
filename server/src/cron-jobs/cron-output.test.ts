import { describe, expect, it } from 'vitest';
import { OutputTail } from './cron-output.js';

describe("a run's kept output", () => {
  it('keeps the last lines within the byte limit, whole lines and whole characters', () => {
    const tail = new OutputTail({ lines: 3, bytes: 64 });
    for (let line = 1; line <= 10_000; line += 1) tail.add(Buffer.from(`line ${line} é\n`));
    expect(tail.text()).toBe('line 9998 é\nline 9999 é\nline 10000 é\n');
    const small = new OutputTail({ lines: 100, bytes: 8 });
    small.add(Buffer.from('ééééééé'));
    expect(small.text()).toBe('éééé');
  });

  it("puts Keel's note on a line of its own and drops NUL, which PostgreSQL text cannot hold", () => {
    const tail = new OutputTail({ lines: 10, bytes: 1024 });
    tail.add(Buffer.from('no newline\0 here'));
    tail.note('[keel] killed');
    expect(tail.text()).toBe('no newline here\n[keel] killed\n');
  });
});
