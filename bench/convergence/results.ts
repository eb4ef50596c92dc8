import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packagePath } from '../../server/src/package-root.js';

/**
 * bench/results/ (git-ignored): a run's raw figures as JSON and its table as markdown, named
 * after the benchmark and the run's date. Answers the files written.
 */
export async function writeBenchResults(
  benchmark: string,
  report: { environment: { date: string } },
  markdown: string,
): Promise<string[]> {
  const dir = packagePath('bench/results');
  await mkdir(dir, { recursive: true });
  const stamp = report.environment.date.replace(/[:.]/g, '-');
  const json = path.join(dir, `${benchmark}-${stamp}.json`);
  const table = path.join(dir, `${benchmark}-${stamp}.md`);
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(table, markdown);
  return [json, table];
}
