import { describe, expect, it } from 'vitest';
import { agentProtocolHeader, agentProtocolVersion } from '../../server/src/agent/agent-protocol.js';
import { relayedChallenges } from '../../server/src/certificates/relayed-challenges.js';
import { testApp } from '../helpers/app.js';
import { eventually } from '../services/helpers.js';

describe("agent ACME routes: an agent serves its own server's HTTP-01 answers and sees no other's", async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const version = { [agentProtocolHeader]: String(agentProtocolVersion) };

  const agentCall = (credential: string | null, method: 'GET' | 'POST', url: string, body?: object) =>
    keel.app.inject({
      method,
      url: `/api/agent/v1${url}`,
      headers: { ...version, ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      ...(body ? { payload: body } : {}),
    });
  const enrolled = async (name: string) => {
    const created = (await admin.post('/servers', { name, roles: ['web'] })).json();
    const answer = await agentCall(null, 'POST', '/enroll', { token: created.enrollmentToken });
    expect(answer.statusCode, answer.body).toBe(201);
    return { id: created.server.id as string, credential: answer.json().credential as string };
  };
  /** A site of a customer living on the server. */
  const siteOn = async (serverId: string, domain: string) => {
    const customer = await admin.post('/customers', {
      firstName: 'Acme',
      lastName: 'Tenant',
      email: `acme-${domain}@example.test`,
      serverId,
    });
    const site = await admin.post(`/customers/${customer.json().customer.id}/websites`, { domain });
    expect(site.statusCode, site.body).toBe(201);
    return site.json().id as string;
  };
  const relay = (websiteId: string, placedWithinMs = 10_000) =>
    relayedChallenges({
      db: keel.handle.db,
      signals: keel.system.signals,
      websiteId,
      serverName: 'acme-b',
      now: keel.clock.now,
      placedWithinMs,
    });
  const listed = async (credential: string) => {
    const answer = await agentCall(credential, 'GET', '/acme-challenges');
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json().challenges;
  };

  const b = await enrolled('acme-b');
  const c = await enrolled('acme-c');
  const onB = await siteOn(b.id, 'on-b.acme-routes.test');
  const token = 'token-of-b-aaaaaaaaaaaaaaaa';

  it('hands the answer to the agent of the site’s server only, and the order goes on once it is placed', async () => {
    let settled = false;
    const put = relay(onB)
      .put(token, `${token}.thumbprint`)
      .finally(() => {
        settled = true;
      });
    await eventually(async () =>
      expect(await listed(b.credential)).toEqual([
        { token, keyAuthorization: `${token}.thumbprint`, placed: false },
      ]),
    );
    expect(await listed(c.credential)).toEqual([]);
    // Another server's agent can neither see nor report on it.
    expect((await agentCall(c.credential, 'POST', `/acme-challenges/${token}/placed`)).statusCode).toBe(404);
    expect(settled).toBe(false);
    expect((await agentCall(b.credential, 'POST', `/acme-challenges/${token}/placed`)).statusCode).toBe(204);
    await put;
    expect((await listed(b.credential))[0].placed).toBe(true);
    expect((await agentCall(null, 'GET', '/acme-challenges')).statusCode).toBe(401);
  });

  it('takes the answer back when the order ends', async () => {
    await relay(onB).remove(token);
    expect(await listed(b.credential)).toEqual([]);
    expect((await agentCall(b.credential, 'POST', `/acme-challenges/${token}/placed`)).statusCode).toBe(404);
  });

  it('fails the order with a message naming the server when its agent never places the answer', async () => {
    const late = 'token-never-placed-aaaaaaaa';
    await expect(relay(onB, 300).put(late, `${late}.thumbprint`)).rejects.toThrow(
      /agent of server "acme-b" did not put the HTTP-01 answer in place/,
    );
    await relay(onB).remove(late);
  });

  it('refuses a token that is not base64url before it reaches the database or a file name', async () => {
    await expect(relay(onB).put('../../etc/passwd-aaaaaaaaaaa', 'x')).rejects.toThrow(/not base64url/);
    const dotted = await agentCall(b.credential, 'POST', '/acme-challenges/..passwd.aaaaaaaaaaaaaaaa/placed');
    // A path parameter that cannot be one is not found, as everywhere in Keel.
    expect(dotted.statusCode).toBe(404);
  });
});
