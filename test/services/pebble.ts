import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';
import { eventually, freePort } from './helpers.js';

const run = promisify(execFile);

export interface Pebble {
  /** The ACME directory URL. */
  directoryUrl: string;
  /** The CA certificate pebble's own HTTPS listener is signed with (not the issuing root). */
  listenerCa: string;
  /** The root pebble issues certificates under, from its management port. */
  issuingRoot(): Promise<string>;
  /** Makes `host` resolve to `address` for pebble's validation (127.0.0.1 for every other name). */
  resolve(host: string, address: string): Promise<void>;
}

/** Runs a program for the test file's lifetime; stopped (by its pid) after the file's tests. */
function daemon(binary: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const child = spawn(binary, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  afterAll(async () => {
    child.kill('SIGTERM');
    await writeFile(logFile, log).catch(() => undefined);
  });
  return child;
}

function fetchText(url: string, ca?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { ca, rejectUnauthorized: ca !== undefined, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        (response.statusCode ?? 0) < 300
          ? resolve(body)
          : reject(new Error(`${url}: ${response.statusCode}`)),
      );
    });
    request.on('error', reject);
  });
}

/**
 * Debian's pebble with its own CA for its listener, config and ports, and pebble-challtestsrv as
 * its DNS server: every name resolves to 127.0.0.1 (no AAAA), so pebble's HTTP-01 validation
 * really fetches the answer from Keel's nginx on `httpPort`.
 */
export async function startPebble(
  dir: string,
  ports: { httpPort: number; tlsPort: number },
): Promise<Pebble> {
  const file = (name: string) => path.join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=keel test listener CA',
  ]);
  await run('openssl', [
    'req',
    ...ec,
    '-keyout',
    file('listener.key'),
    '-out',
    file('listener.csr'),
    '-subj',
    '/CN=localhost',
  ]);
  await writeFile(file('listener.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    file('listener.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('listener.pem'),
    '-days',
    '2',
    '-extfile',
    file('listener.ext'),
  ]);

  const [acmePort, managementPort, dnsPort, dnsManagementPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  daemon(
    'pebble-challtestsrv',
    [
      '-dns01',
      `127.0.0.1:${dnsPort}`,
      '-http01',
      '',
      '-https01',
      '',
      '-tlsalpn01',
      '',
      '-management',
      `127.0.0.1:${dnsManagementPort}`,
      '-defaultIPv4',
      '127.0.0.1',
      '-defaultIPv6',
      '',
    ],
    {},
    file('challtestsrv.log'),
  );
  await writeFile(
    file('pebble.json'),
    JSON.stringify({
      pebble: {
        listenAddress: `127.0.0.1:${acmePort}`,
        managementListenAddress: `127.0.0.1:${managementPort}`,
        certificate: file('listener.pem'),
        privateKey: file('listener.key'),
        httpPort: ports.httpPort,
        tlsPort: ports.tlsPort,
        ocspResponderURL: '',
        externalAccountBindingRequired: false,
        // Let's Encrypt's 90 days, so renewal 30 days before expiry can be tested.
        certificateValidityPeriod: 90 * 24 * 3600,
      },
    }),
  );
  daemon(
    'pebble',
    ['-config', file('pebble.json'), '-dnsserver', `127.0.0.1:${dnsPort}`],
    // No random sleeps, no nonces refused for sport, every order validated anew.
    { PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0', PEBBLE_AUTHZREUSE: '0' },
    file('pebble.log'),
  );
  const listenerCa = await readFile(file('ca.pem'), 'utf8');
  const directoryUrl = `https://127.0.0.1:${acmePort}/dir`;
  await eventually(() => fetchText(directoryUrl, listenerCa), 15_000, 100);
  return {
    directoryUrl,
    listenerCa,
    issuingRoot: () => fetchText(`https://127.0.0.1:${managementPort}/roots/0`, listenerCa),
    async resolve(host, address) {
      const management = (action: string, body: object) =>
        fetch(`http://127.0.0.1:${dnsManagementPort}/${action}`, {
          method: 'POST',
          body: JSON.stringify(body),
        });
      // add-a adds to what the name had: cleared first, so the name has this address only.
      await management('clear-a', { host });
      const response = await management('add-a', { host, addresses: [address] });
      if (!response.ok) throw new Error(`challtestsrv refused add-a: ${response.status}`);
    },
  };
}
