import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: unknown): Map<string, string[]> {
  return new Map(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

describe('browser hardening headers', async () => {
  const keel = await testApp({ trustedProxies: ['127.0.0.1'] });
  const admin = await keel.admin();

  const answers = async () => ({
    page: await keel.app.inject({ method: 'GET', url: '/customers' }),
    docs: await keel.app.inject({ method: 'GET', url: '/api/docs/' }),
    document: await keel.app.inject({ method: 'GET', url: '/api/openapi.json' }),
    signedIn: await admin.get('/customers'),
    refused: await keel.anonymous().get('/customers'),
    notFound: await keel.app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
  });

  it('lets scripts come only from Keel itself, never inline, and forbids framing, on every answer', async () => {
    for (const [name, response] of Object.entries(await answers())) {
      const csp = directives(response.headers['content-security-policy']);
      expect(csp.get('script-src'), name).toEqual(["'self'"]);
      expect(csp.get('script-src-attr'), name).toEqual(["'none'"]);
      expect(csp.get('object-src'), name).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), name).toEqual(["'none'"]);
      expect(response.headers['x-frame-options'], name).toBe('DENY');
      expect(response.headers['x-content-type-options'], name).toBe('nosniff');
      expect(response.headers['referrer-policy'], name).toBe('same-origin');
    }
  });

  it('sends HSTS only over HTTPS', async () => {
    const plain = await admin.get('/auth/session');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const overTls = await admin.get('/auth/session', { 'x-forwarded-proto': 'https' });
    expect(overTls.headers['strict-transport-security']).toMatch(/^max-age=31536000/);
  });

  it('forbids caching API answers, and lets the API reference be cached as before', async () => {
    const { signedIn, refused, docs } = await answers();
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['cache-control']).toBe('no-store');
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    const login = await keel.anonymous().post('/auth/login', { email: 'nobody@example.test', password: 'x' });
    expect(login.headers['cache-control']).toBe('no-store');
    expect(docs.headers['cache-control']).not.toBe('no-store');
  });

  it('serves the API reference page with no inline script, so it works under the policy', async () => {
    const { docs } = await answers();
    expect(docs.statusCode).toBe(200);
    const scripts = [...docs.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="/);
      expect(body?.trim()).toBe('');
    }
  });
});
