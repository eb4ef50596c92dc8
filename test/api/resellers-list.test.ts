import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

describe('resellers: list and read', async () => {
  const keel = await testApp();
  const admin = await keel.admin();

  describe('list', () => {
    // A tenant of its own: the names share a marker so the searches below see only these.
    const marker = `lst${Date.now().toString(36)}`;
    const made: { id: string; name: string; email: string; company: string | null }[] = [];

    it('arranges resellers with customers', async () => {
      const specs = [
        { name: `Alpha ${marker}`, company: 'Zulu Hosting' },
        { name: `bravo ${marker}`, company: null },
        { name: `Charlie ${marker}`, company: '100% Uptime_Ltd' },
      ];
      for (const [index, spec] of specs.entries()) {
        const email = `${marker}-${index}@example.test`;
        const reseller = await makeReseller(keel, { ...spec, email });
        made.push({ id: reseller.id, email, ...spec });
        keel.clock.advanceMinutes(1);
      }
      await makeCustomerOf(keel, made[2]?.id ?? null);
      await makeCustomerOf(keel, made[2]?.id ?? null, { status: 'suspended' });
      await makeCustomerOf(keel, made[0]?.id ?? null, { status: 'deleted' });
    });

    const names = (response: { json(): { items: { name: string }[] } }) =>
      response.json().items.map((item) => item.name);

    it('returns the list envelope with customer counts (soft-deleted customers included)', async () => {
      const response = await admin.get(`/resellers?q=${marker}`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ total: 3, page: 1, perPage: 25 });
      expect(body.items.map((item: { customerCount: number }) => item.customerCount)).toEqual([1, 0, 2]);
    });

    it('searches name, email and company case-insensitively, with % and _ as plain characters', async () => {
      expect(names(await admin.get(`/resellers?q=${marker.toUpperCase()}`))).toHaveLength(3);
      expect(names(await admin.get(`/resellers?q=${marker}-1@EXAMPLE`))).toEqual([`bravo ${marker}`]);
      expect(names(await admin.get('/resellers?q=zulu'))).toEqual([`Alpha ${marker}`]);
      expect(names(await admin.get(`/resellers?q=${encodeURIComponent('100%')}`))).toEqual([
        `Charlie ${marker}`,
      ]);
      expect(names(await admin.get(`/resellers?q=${encodeURIComponent('0%')}`))).toEqual([
        `Charlie ${marker}`,
      ]);
      expect((await admin.get(`/resellers?q=${encodeURIComponent('%')}`)).json().total).toBe(1);
      expect((await admin.get(`/resellers?q=${encodeURIComponent('Uptime_')}`)).json().total).toBe(1);
      expect((await admin.get(`/resellers?q=${encodeURIComponent('_')}`)).json().total).toBe(1);
      expect((await admin.get(`/resellers?q=${encodeURIComponent("' or 1=1 --")}`)).json().total).toBe(0);
    });

    it.each([
      ['name', ['Alpha', 'bravo', 'Charlie']],
      ['-name', ['Charlie', 'bravo', 'Alpha']],
      ['email', ['Alpha', 'bravo', 'Charlie']],
      ['-email', ['Charlie', 'bravo', 'Alpha']],
      ['company', ['Charlie', 'Alpha', 'bravo']],
      ['-company', ['bravo', 'Alpha', 'Charlie']],
      ['customerCount', ['bravo', 'Alpha', 'Charlie']],
      ['-customerCount', ['Charlie', 'Alpha', 'bravo']],
      ['createdAt', ['Alpha', 'bravo', 'Charlie']],
      ['-createdAt', ['Charlie', 'bravo', 'Alpha']],
    ])('sorts by %s', async (sort, expected) => {
      const response = await admin.get(`/resellers?q=${marker}&sort=${sort}`);
      expect(response.statusCode).toBe(200);
      expect(names(response)).toEqual(expected.map((name) => `${name} ${marker}`));
    });

    it('pages with a total', async () => {
      const first = await admin.get(`/resellers?q=${marker}&perPage=2&page=1`);
      const second = await admin.get(`/resellers?q=${marker}&perPage=2&page=2`);
      const beyond = await admin.get(`/resellers?q=${marker}&perPage=2&page=3`);
      expect(first.json()).toMatchObject({ total: 3, page: 1, perPage: 2 });
      expect(names(first)).toEqual([`Alpha ${marker}`, `bravo ${marker}`]);
      expect(names(second)).toEqual([`Charlie ${marker}`]);
      expect(beyond.json()).toMatchObject({ items: [], total: 3, page: 3 });
    });

    it.each([
      'sort=password',
      'sort=--name',
      'sort=name,email',
      'page=0',
      'page=-1',
      'page=abc',
      'page=1.5',
      'perPage=0',
      'perPage=101',
      'status=active',
      `q=${'q'.repeat(201)}`,
    ])('answers 400 to %s', async (query) => {
      const response = await admin.get(`/resellers?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('read one', () => {
    it('answers 404 for an unknown id and for one that is not an id', async () => {
      expect((await admin.get('/resellers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
      expect((await admin.get('/resellers/not-an-id')).statusCode).toBe(404);
      expect((await admin.get(`/resellers/${encodeURIComponent("1' or '1'='1")}`)).statusCode).toBe(404);
    });
  });
});
