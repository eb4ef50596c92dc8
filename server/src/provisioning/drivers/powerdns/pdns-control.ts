import { execFile } from 'node:child_process';
import type { PowerDnsLayout } from './layout.js';

/** Runs `pdns_control <args…>` against Keel's PowerDNS; resolves to what it printed. */
export function pdnsControl(
  binary: string,
  layout: PowerDnsLayout,
  args: readonly string[],
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      [`--config-dir=${layout.configDir}`, ...args],
      { timeout: 30_000 },
      (error, stdout, stderr) => {
        if (!error) return resolve(String(stdout));
        const said = `${stdout}${stderr}`.trim();
        reject(new Error(`pdns_control ${args[0]} failed: ${said || error.message}`));
      },
    );
  });
}

/**
 * What `bind-reload-now` said of each domain: undefined when it was loaded, else PowerDNS's
 * complaint ("Error in record 'www.example.com CNAME': …") without the file's path and the time.
 */
export function reloadProblems(report: string, domains: readonly string[]): Map<string, string | undefined> {
  const lines = report.split('\n');
  const problems = new Map<string, string | undefined>();
  for (const domain of domains) {
    const line = lines.find(
      (candidate) => candidate.startsWith(`${domain}:`) || candidate.startsWith(`${domain} `),
    );
    if (line === undefined) {
      problems.set(domain, 'PowerDNS did not report on the zone');
      continue;
    }
    const rest = line.slice(domain.length).replace(/^:?\s*/, '');
    if (rest.startsWith('parsed into memory')) problems.set(domain, undefined);
    else problems.set(domain, /from file '[^']*': (.+)$/.exec(rest)?.[1] ?? rest);
  }
  return problems;
}
