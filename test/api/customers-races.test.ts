import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { auditCount, customerRow, makeCustomer, userRow } from '../helpers/customer-factory.js';

const rounds = 5;
const statuses = (responses: { statusCode: number }[]) => responses.map((r) => r.statusCode).sort();

describe('races between simultaneous requests', async () => {
  const keel = await testApp();
  const first = await keel.admin();
  const second = await keel.admin();

  it('two creates with one email: one 201, one 409', async () => {
    for (let round = 0; round < rounds; round++) {
      const email = `race-${round}@example.test`;
      const responses = await Promise.all([
        first.post('/customers', { firstName: 'One', lastName: 'Racer', email }),
        second.post('/customers', { firstName: 'Two', lastName: 'Racer', email: email.toUpperCase() }),
      ]);
      expect(statuses(responses)).toEqual([201, 409]);
      const loser = responses.find((r) => r.statusCode === 409);
      expect(loser?.json().type).toMatch(/email-taken$/);
      const winner = responses.find((r) => r.statusCode === 201)?.json().customer;
      expect((await userRow(keel, email))?.name).toBe(`${winner.firstName} Racer`);
    }
  });

  it('two edits with the same version: one 200, one 409, and the winner is what is stored', async () => {
    for (let round = 0; round < rounds; round++) {
      const customer = await makeCustomer(keel);
      const before = await auditCount(keel, 'customer.updated');
      const responses = await Promise.all([
        first.patch(`/customers/${customer.id}`, { firstName: 'First', version: 1 }),
        second.patch(`/customers/${customer.id}`, { firstName: 'Second', version: 1 }),
      ]);
      expect(statuses(responses)).toEqual([200, 409]);
      const winner = responses.find((r) => r.statusCode === 200)?.json();
      expect(await customerRow(keel, customer.id)).toMatchObject({ firstName: winner.firstName, version: 2 });
      expect(await auditCount(keel, 'customer.updated')).toBe(before + 1);
    }
  });

  it('two edits setting the same new email on different customers: one 200, one 409', async () => {
    for (let round = 0; round < rounds; round++) {
      const [a, b] = [await makeCustomer(keel), await makeCustomer(keel)];
      const email = `wanted-${round}@example.test`;
      const responses = await Promise.all([
        first.patch(`/customers/${a.id}`, { email }),
        second.patch(`/customers/${b.id}`, { email }),
      ]);
      expect(statuses(responses)).toEqual([200, 409]);
    }
  });

  it('suspend racing delete ends in one consistent state', async () => {
    for (let round = 0; round < rounds; round++) {
      const customer = await makeCustomer(keel);
      const [suspend, remove] = await Promise.all([
        first.post(`/customers/${customer.id}/suspend`, { reason: 'race' }),
        second.delete(`/customers/${customer.id}`),
      ]);
      expect(remove.statusCode).toBe(200);
      const row = await customerRow(keel, customer.id);
      expect(row?.status).toBe('deleted');
      if (suspend.statusCode === 200) {
        // Suspended first, then deleted: restoring brings the suspension back.
        expect(row).toMatchObject({ statusBeforeDelete: 'suspended', suspendReason: 'race', version: 3 });
      } else {
        expect(suspend.statusCode).toBe(409);
        expect(row).toMatchObject({ statusBeforeDelete: 'active', suspendedAt: null, version: 2 });
      }
    }
  });

  it('two deletes: one 200, one 409', async () => {
    for (let round = 0; round < rounds; round++) {
      const customer = await makeCustomer(keel);
      const responses = await Promise.all([
        first.delete(`/customers/${customer.id}`),
        second.delete(`/customers/${customer.id}`),
      ]);
      expect(statuses(responses)).toEqual([200, 409]);
    }
  });

  it('restore racing purge: exactly one of them wins', async () => {
    for (let round = 0; round < rounds; round++) {
      const customer = await makeCustomer(keel);
      await first.delete(`/customers/${customer.id}`);
      const [restore, purge] = await Promise.all([
        first.post(`/customers/${customer.id}/restore`),
        second.post(`/customers/${customer.id}/purge`),
      ]);
      const row = await customerRow(keel, customer.id);
      if (restore.statusCode === 200) {
        expect(purge.statusCode).toBe(409);
        expect(row).toMatchObject({ status: 'active', purgeStartedAt: null });
      } else {
        expect([restore.statusCode, purge.statusCode]).toEqual([409, 202]);
        expect(row?.purgeStartedAt).not.toBeNull();
      }
    }
  });

  it('two purge requests start one purge', async () => {
    const customer = await makeCustomer(keel);
    await first.delete(`/customers/${customer.id}`);
    const before = await auditCount(keel, 'customer.purge_started');
    const responses = await Promise.all([
      first.post(`/customers/${customer.id}/purge`),
      second.post(`/customers/${customer.id}/purge`),
    ]);
    expect(statuses(responses)).toEqual([202, 202]);
    expect(await auditCount(keel, 'customer.purge_started')).toBe(before + 1);
  });
});
