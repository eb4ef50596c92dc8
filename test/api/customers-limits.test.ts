import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { makePackage, unlimited } from '../helpers/package-factory.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

describe("a customer's package limits", async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await makeReseller(keel);
  const own = await makePackage(keel, { resellerId: reseller.id, limits: { sites: 5, databases: 2 } });
  const other = await makePackage(keel, { limits: { sites: 99 } });
  const customer = await makeCustomerOf(keel, reseller.id, { packageId: own.id });
  const neighbour = await makeCustomerOf(keel, reseller.id, { packageId: other.id });
  const withoutPackage = await makeCustomerOf(keel, reseller.id);
  const expected = { ...unlimited, sites: 5, databases: 2 };

  it('lets the customer read its own limits, and only the limits', async () => {
    const client = await customer.login();
    const response = await client.get(`/customers/${customer.id}/limits`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(expected);
  });

  it('shows the customer nothing of other packages or customers (404)', async () => {
    const client = await customer.login();
    expect((await client.get(`/customers/${neighbour.id}/limits`)).statusCode).toBe(404);
    expect((await client.get(`/packages/${own.id}`)).statusCode).toBe(403);
    expect((await client.get(`/packages/${other.id}`)).statusCode).toBe(403);
    expect((await client.get('/packages')).statusCode).toBe(403);
  });

  it('gives the admin and the owning reseller the same answer', async () => {
    expect((await admin.get(`/customers/${customer.id}/limits`)).json()).toEqual(expected);
    const client = await reseller.login();
    expect((await client.get(`/customers/${customer.id}/limits`)).json()).toEqual(expected);
  });

  it('follows a change of the package', async () => {
    expect((await admin.patch(`/packages/${own.id}`, { limits: { sites: 6 } })).statusCode).toBe(200);
    const client = await customer.login();
    expect((await client.get(`/customers/${customer.id}/limits`)).json().sites).toBe(6);
  });

  it('caps nothing without a package: every limit null', async () => {
    const client = await withoutPackage.login();
    expect((await client.get(`/customers/${withoutPackage.id}/limits`)).json()).toEqual(unlimited);
  });

  it('answers 404 for an id that is not a customer, 401 without a session', async () => {
    expect((await admin.get('/customers/not-an-id/limits')).statusCode).toBe(404);
    expect((await admin.get(`/customers/${own.id}/limits`)).statusCode).toBe(404);
    expect((await keel.anonymous().get(`/customers/${customer.id}/limits`)).statusCode).toBe(401);
  });
});
