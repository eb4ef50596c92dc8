import http from 'node:http';
import { SUSPENDED_TITLE, UNKNOWN_SITE_ANSWER } from './render.js';

export interface ProbedSite {
  domain: string;
  state: 'live' | 'suspended';
}

interface Answer {
  status: number;
  /** The start of the body: enough to tell the suspended page and the default server's text. */
  head: string;
}

/**
 * An answer that may yet change (nginx not answering, or from the configuration before, while it
 * restarts), or the final verdict. A reload itself has reached every worker before a probe.
 */
type Verdict = { settled: true; problem?: string } | { settled: false; problem: string };

const HEAD_BYTES = 2048;

/**
 * Asks Keel's nginx for the site's front page, as a visitor would, until the answer shows the
 * state in effect or the deadline passes: a suspended site must answer its 503 page, a live one
 * must not answer 404 or 403 (its document root unreadable by nginx's workers, or no index
 * page). Returns why the effect is wrong, or undefined when it is right.
 */
export async function probeSite(
  address: { host: string; port: number },
  site: ProbedSite,
  deadlineMs = 5000,
): Promise<string | undefined> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const answer = await request(address, site.domain).catch((error: Error) => error);
    const verdict = judge(site, answer);
    if (verdict.settled) return verdict.problem;
    if (Date.now() > deadline) return verdict.problem;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function judge(site: ProbedSite, answer: Answer | Error): Verdict {
  if (answer instanceof Error) return { settled: false, problem: `nginx did not answer: ${answer.message}` };
  const said = `nginx answers ${answer.status} for http://${site.domain}/`;
  const suspendedPage = answer.status === 503 && answer.head.includes(SUSPENDED_TITLE);
  if (site.state === 'suspended') {
    return suspendedPage
      ? { settled: true }
      : { settled: false, problem: `${said} instead of the suspended page (503)` };
  }
  // The answers of the configuration before this batch, until a restarting nginx has read it.
  if (suspendedPage) return { settled: false, problem: `${said}: still the suspended page` };
  if (answer.status === 404 && answer.head.startsWith(UNKNOWN_SITE_ANSWER)) {
    return { settled: false, problem: `${said}: nginx serves no website by that name` };
  }
  if (answer.status === 404 || answer.status === 403) {
    return {
      settled: true,
      problem: `${said}: its document root is not readable by nginx's workers, or it has no index page`,
    };
  }
  return { settled: true };
}

function request(address: { host: string; port: number }, domain: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.get(
      {
        host: address.host,
        port: address.port,
        path: '/',
        headers: { host: domain, 'user-agent': 'keel-site-check' },
        agent: false,
      },
      (response) => {
        let head = '';
        response.setEncoding('utf8');
        const done = () => {
          response.destroy();
          resolve({ status: response.statusCode ?? 0, head });
        };
        response.on('data', (chunk: string) => {
          head += chunk;
          if (head.length >= HEAD_BYTES) done();
        });
        response.on('end', done);
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.setTimeout(2000, () => outgoing.destroy(new Error('no answer within 2 s')));
  });
}
