import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../../server/src/auth/password-policy.js';
import { defaultSecuritySettings } from '../../server/src/settings/settings.schemas.js';
import { testApp } from '../helpers/app.js';
import {
  auditCount,
  customerRow,
  insertPackage,
  insertReseller,
  makeCustomer,
  userRow,
} from '../helpers/customer-factory.js';

const customerKeys = [
  'company',
  'createdAt',
  'cronJobCount',
  'databaseCount',
  'deletedAt',
  'dnsZoneCount',
  'email',
  'firstName',
  'ftpAccountCount',
  'id',
  'lastName',
  'mailAliasCount',
  'mailboxCount',
  'move',
  'package',
  'permissions',
  'purgeAfter',
  'purgeStartedAt',
  'reseller',
  'server',
  'siteCount',
  'status',
  'suspendReason',
  'suspendedAt',
  'updatedAt',
  'version',
];

describe('creating customers', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await insertReseller(keel, { name: 'Rita Reseller' });
  const resellerClient = await reseller.login();
  const otherReseller = await insertReseller(keel);
  const adminPackage = await insertPackage(keel, { name: 'Basic' });
  const ownPackage = await insertPackage(keel, { name: 'Rita Pro', resellerId: reseller.id });
  const foreignPackage = await insertPackage(keel, { resellerId: otherReseller.id });

  it('creates a customer with its login and returns the generated password once', async () => {
    const before = await auditCount(keel, 'customer.created');
    const response = await admin.post('/customers', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines Ltd',
      email: 'ada@example.test',
      resellerId: reseller.id,
      packageId: ownPackage.id,
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const { customer, password } = response.json();
    expect(Object.keys(customer).sort()).toEqual(customerKeys);
    expect(customer).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines Ltd',
      email: 'ada@example.test',
      status: 'active',
      reseller: { id: reseller.id, name: 'Rita Reseller' },
      package: { id: ownPackage.id, name: 'Rita Pro' },
      siteCount: 0,
      databaseCount: 0,
      dnsZoneCount: 0,
      mailboxCount: 0,
      mailAliasCount: 0,
      suspendedAt: null,
      deletedAt: null,
      purgeAfter: null,
      version: 1,
    });
    expect(passwordProblems(password, defaultSecuritySettings.passwordPolicy)).toEqual([]);
    expect(password.length).toBeGreaterThanOrEqual(22);
    const user = await userRow(keel, 'ada@example.test');
    expect(user).toMatchObject({ name: 'Ada Lovelace', role: 'customer' });
    expect(user?.passwordHash).not.toContain(password);
    const signedIn = await keel.login('ada@example.test', password);
    const session = await signedIn.get('/auth/session');
    expect(session.json().user).toMatchObject({ role: 'customer', customerId: customer.id });
    expect(await auditCount(keel, 'customer.created')).toBe(before + 1);
    const audit = await admin.get(`/customers/${customer.id}/audit`);
    const event = audit.json().items.find((item: { action: string }) => item.action === 'customer.created');
    expect(event.details).toMatchObject({ email: 'ada@example.test', resellerId: reseller.id });
    expect(JSON.stringify(audit.json())).not.toContain(password);
  });

  it('trims names and email and lower-cases the email; company is optional', async () => {
    const response = await admin.post('/customers', {
      firstName: '  Grace ',
      lastName: ' Hopper  ',
      email: '  Grace.Hopper@Example.TEST ',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().customer).toMatchObject({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace.hopper@example.test',
      company: null,
      reseller: null,
      package: null,
    });
  });

  it('refuses an email any user already has, whatever its case (409 email-taken)', async () => {
    const existing = await makeCustomer(keel);
    const before = await auditCount(keel);
    for (const email of [existing.email.toUpperCase(), ` ${existing.email}`]) {
      const response = await admin.post('/customers', { firstName: 'A', lastName: 'B', email });
      expect(response.statusCode).toBe(409);
      expect(response.json().type).toMatch(/email-taken$/);
    }
    const adminEmail = (await admin.get('/auth/session')).json().user.email;
    const taken = await admin.post('/customers', { firstName: 'A', lastName: 'B', email: adminEmail });
    expect(taken.statusCode).toBe(409);
    const resellerTaken = await admin.post('/customers', {
      firstName: 'A',
      lastName: 'B',
      email: reseller.email,
    });
    expect(resellerTaken.statusCode).toBe(409);
    expect(await auditCount(keel)).toBe(before);
  });

  it("makes a reseller's customers its own, and refuses resellerId from a reseller", async () => {
    const own = await resellerClient.post('/customers', {
      firstName: 'Own',
      lastName: 'Customer',
      email: 'own@example.test',
      packageId: adminPackage.id,
    });
    expect(own.statusCode).toBe(201);
    expect(own.json().customer.reseller).toEqual({ id: reseller.id, name: 'Rita Reseller' });
    expect(own.json().customer.package).toEqual({ id: adminPackage.id, name: 'Basic' });
    for (const resellerId of [otherReseller.id, reseller.id, null]) {
      const response = await resellerClient.post('/customers', {
        firstName: 'Sneaky',
        lastName: 'Customer',
        email: 'sneaky@example.test',
        resellerId,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ field: 'resellerId', message: expect.any(String) }]);
    }
    expect(await userRow(keel, 'sneaky@example.test')).toBeNull();
  });

  it("refuses a package the customer's reseller cannot see, and an unknown reseller (422)", async () => {
    const before = await auditCount(keel);
    const cases = [
      [resellerClient, { packageId: foreignPackage.id }, 'packageId'],
      [admin, { resellerId: reseller.id, packageId: foreignPackage.id }, 'packageId'],
      [admin, { packageId: ownPackage.id }, 'packageId'],
      [admin, { packageId: '00000000-0000-4000-8000-000000000000' }, 'packageId'],
      [admin, { resellerId: '00000000-0000-4000-8000-000000000000' }, 'resellerId'],
    ] as const;
    for (const [client, extra, field] of cases) {
      const response = await client.post('/customers', {
        firstName: 'No',
        lastName: 'Package',
        email: 'nopackage@example.test',
        ...extra,
      });
      expect(response.statusCode, JSON.stringify(extra)).toBe(422);
      expect(response.json().errors[0].field).toBe(field);
    }
    expect(await userRow(keel, 'nopackage@example.test')).toBeNull();
    expect(await auditCount(keel)).toBe(before);
  });

  it('refuses a customer the right to create customers (403)', async () => {
    const customer = await makeCustomer(keel);
    const client = await customer.login();
    const response = await client.post('/customers', {
      firstName: 'A',
      lastName: 'B',
      email: 'x@example.test',
    });
    expect(response.statusCode).toBe(403);
  });

  it('answers every malformed create with a 400 that creates nothing', async () => {
    const before = await auditCount(keel);
    const valid = { firstName: 'Val', lastName: 'Id', email: 'bad-input@example.test' };
    const bodies: unknown[] = [
      {},
      { ...valid, firstName: undefined },
      { ...valid, email: undefined },
      { ...valid, firstName: 42 },
      { ...valid, lastName: ['x'] },
      { ...valid, email: 'not-an-email' },
      { ...valid, email: 'two@@example.test' },
      { ...valid, firstName: '   ' },
      { ...valid, firstName: 'x'.repeat(101) },
      { ...valid, company: 'c'.repeat(201) },
      { ...valid, email: `${'e'.repeat(250)}@example.test` },
      { ...valid, firstName: 'Tab\there' },
      { ...valid, role: 'admin' },
      { ...valid, status: 'suspended' },
      { ...valid, packageId: 'not-a-uuid' },
      { ...valid, resellerId: 12 },
      [valid],
      'just a string',
      null,
      42,
    ];
    for (const body of bodies) {
      const response = await admin.post('/customers', JSON.stringify(body), {
        'content-type': 'application/json',
      });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const malformed = await admin.post('/customers', '{"firstName": "Val", ', {
      'content-type': 'application/json',
    });
    expect(malformed.statusCode).toBe(400);
    expect(await userRow(keel, 'bad-input@example.test')).toBeNull();
    expect(await auditCount(keel)).toBe(before);
  });

  it('accepts unicode names and stores injection-looking text literally', async () => {
    const names = {
      firstName: 'Zoë 李',
      lastName: "O'Brien-Łukasiewicz 🚀",
      company: "Robert'); DROP TABLE customers;--",
      email: 'unicode@example.test',
    };
    const response = await admin.post('/customers', names);
    expect(response.statusCode).toBe(201);
    const { customer } = response.json();
    expect(customer).toMatchObject(names);
    expect(await customerRow(keel, customer.id)).toMatchObject(names);
    expect((await admin.get(`/customers/${customer.id}`)).json()).toMatchObject(names);
    const html = await admin.post('/customers', {
      firstName: '<script>alert(1)</script>',
      lastName: '%_\\',
      email: 'html@example.test',
    });
    expect(html.statusCode).toBe(201);
    expect(html.json().customer).toMatchObject({ firstName: '<script>alert(1)</script>', lastName: '%_\\' });
  });
});

describe('reading and editing customers', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await insertReseller(keel, { name: 'Owner Reseller' });
  const resellerClient = await reseller.login();
  const otherReseller = await insertReseller(keel, { name: 'Other Reseller' });
  const otherClient = await otherReseller.login();
  const adminPackage = await insertPackage(keel, { name: 'Admins' });
  const ownPackage = await insertPackage(keel, { name: 'Owner pkg', resellerId: reseller.id });

  it('shows a customer to admins, its reseller and itself, and 404 to everyone else', async () => {
    const customer = await makeCustomer(keel, { resellerId: reseller.id });
    const stranger = await makeCustomer(keel, { resellerId: reseller.id });
    const customerClient = await customer.login();
    const strangerClient = await stranger.login();
    for (const client of [admin, resellerClient, customerClient]) {
      const response = await client.get(`/customers/${customer.id}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: customer.id, email: customer.email });
    }
    for (const client of [otherClient, strangerClient]) {
      expect((await client.get(`/customers/${customer.id}`)).statusCode).toBe(404);
    }
    expect((await admin.get('/customers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await admin.get('/customers/not-a-uuid')).statusCode).toBe(404);
    expect((await keel.anonymous().get(`/customers/${customer.id}`)).statusCode).toBe(401);
  });

  it('edits names, company and email, keeping the login user in step and auditing the changes', async () => {
    const customer = await makeCustomer(keel, { company: 'Old Co' });
    const response = await admin.patch(`/customers/${customer.id}`, {
      firstName: 'Katherine',
      lastName: 'Johnson',
      email: ' Katherine@Example.TEST ',
      version: 1,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      firstName: 'Katherine',
      lastName: 'Johnson',
      email: 'katherine@example.test',
      company: 'Old Co',
      version: 2,
    });
    expect(await userRow(keel, customer.email)).toBeNull();
    expect(await userRow(keel, 'katherine@example.test')).toMatchObject({ name: 'Katherine Johnson' });
    await keel.login('katherine@example.test', customer.password);
    const cleared = await admin.patch(`/customers/${customer.id}`, { company: null });
    expect(cleared.json()).toMatchObject({ company: null, version: 3 });
    const audit = (await admin.get(`/customers/${customer.id}/audit?action=customer.updated`)).json();
    expect(audit.items.map((event: { details: unknown }) => event.details)).toEqual([
      { changes: { company: { from: 'Old Co', to: null } } },
      {
        changes: {
          firstName: { from: 'Test', to: 'Katherine' },
          lastName: { from: expect.stringMatching(/^Customer /), to: 'Johnson' },
          email: { from: customer.email, to: 'katherine@example.test' },
        },
      },
    ]);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const customer = await makeCustomer(keel);
    expect(
      (await admin.patch(`/customers/${customer.id}`, { firstName: 'One', version: 1 })).statusCode,
    ).toBe(200);
    const before = await customerRow(keel, customer.id);
    const auditBefore = await auditCount(keel);
    const stale = await admin.patch(`/customers/${customer.id}`, { firstName: 'Two', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toMatch(/stale-version$/);
    expect(await customerRow(keel, customer.id)).toEqual(before);
    expect(await auditCount(keel)).toBe(auditBefore);
    const unchanged = await admin.patch(`/customers/${customer.id}`, { firstName: 'One', version: 2 });
    expect(unchanged.json().version).toBe(2);
  });

  it('refuses an email another user has (409) and changes nothing', async () => {
    const first = await makeCustomer(keel);
    const second = await makeCustomer(keel);
    const before = await customerRow(keel, second.id);
    const response = await admin.patch(`/customers/${second.id}`, { email: first.email.toUpperCase() });
    expect(response.statusCode).toBe(409);
    expect(response.json().type).toMatch(/email-taken$/);
    expect(await customerRow(keel, second.id)).toEqual(before);
    expect(await userRow(keel, second.email)).not.toBeNull();
  });

  it('lets admins move a customer between resellers; packages must stay visible', async () => {
    const customer = await makeCustomer(keel, { resellerId: reseller.id, packageId: ownPackage.id });
    const refused = await admin.patch(`/customers/${customer.id}`, { resellerId: otherReseller.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].field).toBe('packageId');
    const moved = await admin.patch(`/customers/${customer.id}`, {
      resellerId: otherReseller.id,
      packageId: adminPackage.id,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      reseller: { id: otherReseller.id, name: 'Other Reseller' },
      package: { id: adminPackage.id, name: 'Admins' },
    });
    expect((await resellerClient.get(`/customers/${customer.id}`)).statusCode).toBe(404);
    expect((await otherClient.get(`/customers/${customer.id}`)).statusCode).toBe(200);
    const toAdmins = await admin.patch(`/customers/${customer.id}`, { resellerId: null, packageId: null });
    expect(toAdmins.json()).toMatchObject({ reseller: null, package: null });
  });

  it("lets a reseller edit its own customers but not choose the reseller or reach another's", async () => {
    const customer = await makeCustomer(keel, { resellerId: reseller.id });
    const own = await resellerClient.patch(`/customers/${customer.id}`, { packageId: ownPackage.id });
    expect(own.statusCode).toBe(200);
    expect(own.json().package).toEqual({ id: ownPackage.id, name: 'Owner pkg' });
    const before = await customerRow(keel, customer.id);
    const moving = await resellerClient.patch(`/customers/${customer.id}`, { resellerId: otherReseller.id });
    expect(moving.statusCode).toBe(400);
    expect((await otherClient.patch(`/customers/${customer.id}`, { firstName: 'X' })).statusCode).toBe(404);
    const customerClient = await customer.login();
    expect((await customerClient.patch(`/customers/${customer.id}`, { firstName: 'X' })).statusCode).toBe(
      403,
    );
    expect(await customerRow(keel, customer.id)).toEqual(before);
  });

  it('refuses every edit while impersonating, so the login email cannot change (403)', async () => {
    const customer = await makeCustomer(keel, { resellerId: reseller.id });
    const support = await reseller.login();
    expect((await support.post(`/customers/${customer.id}/impersonate`, {})).statusCode).toBe(200);
    const before = await customerRow(keel, customer.id);
    const response = await support.patch(`/customers/${customer.id}`, { email: 'hijack@example.test' });
    expect(response.statusCode).toBe(403);
    expect(await customerRow(keel, customer.id)).toEqual(before);
    expect(await userRow(keel, 'hijack@example.test')).toBeNull();
  });

  it('answers malformed edits with 400 and changes nothing', async () => {
    const customer = await makeCustomer(keel);
    const before = await customerRow(keel, customer.id);
    const auditBefore = await auditCount(keel);
    const bodies: unknown[] = [
      { firstName: '' },
      { firstName: '  ' },
      { lastName: null },
      { email: null },
      { email: 'nope' },
      { firstName: 'y'.repeat(101) },
      { company: 5 },
      { version: 'one' },
      { version: 0 },
      { version: 1.5 },
      { status: 'active' },
      { userId: customer.id },
      { siteCount: 1000 },
      { packageId: 'x' },
    ];
    for (const body of bodies) {
      const response = await admin.patch(`/customers/${customer.id}`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    const malformed = await admin.patch(`/customers/${customer.id}`, '{"firstName":', {
      'content-type': 'application/json',
    });
    expect(malformed.statusCode).toBe(400);
    expect(await customerRow(keel, customer.id)).toEqual(before);
    expect(await auditCount(keel)).toBe(auditBefore);
  });
});
