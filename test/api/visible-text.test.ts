import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { customerRow, makeCustomer } from '../helpers/customer-factory.js';
import { makePackage } from '../helpers/package-factory.js';
import { makeReseller } from '../helpers/reseller-factory.js';

/**
 * Names, companies, labels and reasons are shown to operators as they were sent: none may hold
 * characters that draw nothing or reorder what surrounds them (Trojan Source), and domains are held
 * to the same rule before IDNA maps them.
 */

const invisible: [string, string][] = [
  ['a right-to-left override', '\u202E'],
  ['a left-to-right embedding', '\u202A'],
  ['a right-to-left isolate', '\u2067'],
  ['a pop directional isolate', '\u2069'],
  ['a zero-width space', '\u200B'],
  ['a zero-width joiner', '\u200D'],
  ['a byte order mark', '\uFEFF'],
  ['a soft hyphen', '\u00AD'],
  ['a tag character', '\u{E0041}'],
  ['a line separator', '\u2028'],
  ['a paragraph separator', '\u2029'],
  ['a line feed', '\n'],
  ['a lone surrogate', '\uD800'],
];

// "moc.elpmaxe" drawn right to left reads "example.com".
const disguised = (char: string) => `Acme ${char}moc.elpmaxe`;

describe('visible text', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  let made = 0;
  const email = () => `visible-${++made}-${Date.now()}@example.test`;

  const expectRefused = (response: Awaited<ReturnType<typeof admin.post>>, field: string, char: string) => {
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const hex = (char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
    expect(response.json().errors).toContainEqual({
      field,
      message: expect.stringContaining(`U+${hex}`),
    });
  };

  it.each(invisible)('refuses %s in every customer field an operator reads', async (_, char) => {
    const customer = await makeCustomer(keel);
    const valid = { firstName: 'Ann', lastName: 'Lee', company: 'Acme', email: email() };
    for (const field of ['firstName', 'lastName', 'company']) {
      expectRefused(await admin.post('/customers', { ...valid, [field]: disguised(char) }), field, char);
      expectRefused(
        await admin.patch(`/customers/${customer.id}`, { [field]: disguised(char) }),
        field,
        char,
      );
    }
    const suspend = await admin.post(`/customers/${customer.id}/suspend`, { reason: `unpaid ${char}` });
    if (char === '\n') expect(suspend.statusCode).toBe(200);
    else expectRefused(suspend, 'reason', char);
  });

  it.each(invisible)('refuses %s in reseller, package and token names', async (_, char) => {
    const reseller = await makeReseller(keel);
    const pkg = await makePackage(keel, {});
    for (const field of ['name', 'company']) {
      const body = { name: 'Resale Ltd', email: email(), company: 'Resale', [field]: disguised(char) };
      expectRefused(await admin.post('/resellers', body), field, char);
      expectRefused(
        await admin.patch(`/resellers/${reseller.id}`, { [field]: disguised(char) }),
        field,
        char,
      );
    }
    expectRefused(await admin.post('/packages', { name: disguised(char) }), 'name', char);
    expectRefused(await admin.patch(`/packages/${pkg.id}`, { name: disguised(char) }), 'name', char);
    expectRefused(await admin.post('/auth/tokens', { name: disguised(char) }), 'name', char);
  });

  it('refuses them in an impersonation reason, which may still run over lines', async () => {
    const customer = await makeCustomer(keel);
    const client = await keel.admin();
    expectRefused(
      await client.post(`/customers/${customer.id}/impersonate`, { reason: 'ticket \u202E42' }),
      'reason',
      '\u202E',
    );
    const started = await client.post(`/customers/${customer.id}/impersonate`, {
      reason: 'ticket 42:\n\tthe customer asked',
    });
    expect(started.statusCode).toBe(200);
  });

  it('stores text in NFC, so one name typed two ways is one name', async () => {
    const created = await admin.post('/customers', {
      firstName: 'Zoe\u0308',
      lastName: 'Mu\u0308ller',
      company: 'Cafe\u0301 Ltd',
      email: email(),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().customer).toMatchObject({
      firstName: 'Zoë',
      lastName: 'Müller',
      company: 'Café Ltd',
    });
    const row = await customerRow(keel, created.json().customer.id);
    expect(row?.firstName).toBe('Z\u006F\u00EB');
  });

  it('accepts the names of every script, with the joiners and marks they draw with', async () => {
    for (const [firstName, lastName] of [
      ['محمد', 'الفارسي'],
      ['דוד', 'לוי'],
      ['李', '小龍'],
      ['Ἀλέξανδρος', 'Ωρίων'],
      ['ज्योति', 'शर्मा'],
    ]) {
      const response = await admin.post('/customers', { firstName, lastName, email: email() });
      expect(response.statusCode, `${firstName} ${lastName}: ${response.body}`).toBe(201);
    }
  });

  describe('domains, before IDNA maps them', async () => {
    const customer = await makeCustomer(keel);
    it.each(invisible)('refuses %s in a website or zone domain', async (_, char) => {
      for (const kind of ['websites', 'dns-zones']) {
        const response = await admin.post(`/customers/${customer.id}/${kind}`, {
          domain: `exa${char}mple.com`,
        });
        expect(response.statusCode, `${kind}: ${response.body}`).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.json().errors).toContainEqual({
          field: 'domain',
          message: expect.stringMatching(/U\+/),
        });
      }
    });

    it('refuses them in record names and the hosts records point to', async () => {
      const zone = await admin.post(`/customers/${customer.id}/dns-zones`, {
        domain: 'visible-records.example',
      });
      expect(zone.statusCode).toBe(201);
      const response = await admin.patch(`/customers/${customer.id}/dns-zones/${zone.json().id}`, {
        records: [
          { name: 'ww\u00ADw', type: 'A', value: '192.0.2.1' },
          { name: 'mail', type: 'MX', value: '10 mx\u200B.example.net' },
        ],
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual(
        expect.arrayContaining([
          { field: 'records[0].name', message: expect.stringContaining('U+00AD') },
          { field: 'records[1].value', message: expect.stringContaining('U+200B') },
        ]),
      );
    });

    it('still takes internationalized domains, as punycode', async () => {
      const response = await admin.post(`/customers/${customer.id}/websites`, { domain: 'bücher.example' });
      expect(response.statusCode).toBe(201);
      expect(response.json().domain).toBe('xn--bcher-kva.example');
    });
  });
});
