import { describe, expect, it } from 'vitest';
import { reloadProblems } from './pdns-control.js';

// What pdns_control bind-reload-now prints (PowerDNS 4.7), one line per domain asked for.
const report = [
  'good.example.test: \tparsed into memory at 2026-12-02 00:51:02 +0000',
  "bad.example.test: [rejected]\t error at 2026-12-02 00:51:19 +0000 parsing 'bad.example.test' from file " +
    "'/var/lib/keel/powerdns/zones/x.zone': Error in record 'www.bad.example.test CNAME': Found . in wrong position in DNSName a..b.",
  'gone.example.test no such domain',
  '',
].join('\n');

describe('reloadProblems', () => {
  it("keeps PowerDNS's complaint without the file and the time, and nothing for a loaded zone", () => {
    const problems = reloadProblems(report, [
      'good.example.test',
      'bad.example.test',
      'gone.example.test',
      'example.test',
    ]);
    expect(problems.get('good.example.test')).toBeUndefined();
    expect(problems.get('bad.example.test')).toBe(
      "Error in record 'www.bad.example.test CNAME': Found . in wrong position in DNSName a..b.",
    );
    expect(problems.get('gone.example.test')).toBe('no such domain');
    // A domain that only ends like another one is not reported on by that one's line.
    expect(problems.get('example.test')).toBe('PowerDNS did not report on the zone');
  });
});
