import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { customers } from '../../server/src/db/schema/customers.js';
import { idempotencyAnswers } from '../../server/src/idempotency/idempotency-answers.table.js';
import { idempotencyKeyDigest } from '../../server/src/idempotency/idempotency-key.js';
import { testApp } from '../helpers/app.js';
import { ApiClient } from '../helpers/client.js';
import { auditCount } from '../helpers/customer-factory.js';

let made = 0;
const newCustomer = () => {
  made += 1;
  return {
    firstName: 'Retry',
    lastName: `Billing ${made}`,
    email: `retry-${made}-${Date.now()}@example.test`,
  };
};

describe('Idempotency-Key on POST', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const { token } = (await admin.post('/auth/tokens', { name: 'billing system' })).json();
  const billing = ApiClient.withToken(keel.app, token);

  const customersWithEmail = async (email: string) =>
    (await keel.handle.db.select().from(customers).where(eq(customers.email, email))).length;

  it('a retried create answers the first answer, password included, and creates one customer', async () => {
    const body = newCustomer();
    const audited = await auditCount(keel, 'customer.created');
    const first = await billing.post('/customers', body, { 'idempotency-key': 'invoice-1001' });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await billing.post('/customers', body, { 'idempotency-key': 'invoice-1001' });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toBe(first.headers['content-type']);
    expect(retry.json()).toEqual(first.json());
    expect(await customersWithEmail(body.email)).toBe(1);
    expect(await auditCount(keel, 'customer.created')).toBe(audited + 1);
    // Kept for the retry, the password is not readable from the database without the key.
    const stored = JSON.stringify(await keel.handle.db.select().from(idempotencyAnswers));
    expect(stored).not.toContain(first.json().password);
    expect(stored).not.toContain('invoice-1001');
    // The replayed password is the customer's real one: the client that lost the first answer can use it.
    expect(
      (await keel.anonymous().post('/auth/login', { email: body.email, password: retry.json().password }))
        .statusCode,
    ).toBe(200);
  });

  it('a session client gets the same replay, and fields in another order are the same body', async () => {
    const body = newCustomer();
    const first = await admin.post('/customers', body, { 'idempotency-key': 'form-submit-7' });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const retry = await admin.post('/customers', reordered, { 'idempotency-key': 'form-submit-7' });
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
    expect(retry.json()).toEqual(first.json());
    expect(await customersWithEmail(body.email)).toBe(1);
  });

  it('the same key with another body or another path is 422 and changes nothing', async () => {
    const body = newCustomer();
    expect((await billing.post('/customers', body, { 'idempotency-key': 'reused' })).statusCode).toBe(201);
    const other = newCustomer();
    const audited = await auditCount(keel);
    const anotherBody = await billing.post('/customers', other, { 'idempotency-key': 'reused' });
    expect(anotherBody.statusCode).toBe(422);
    expect(anotherBody.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anotherBody.json().type).toMatch(/idempotency-key-reused$/);
    const customerId = (await billing.get('/customers?q=Retry')).json().items[0].id;
    const anotherPath = await billing.post(
      `/customers/${customerId}/suspend`,
      {},
      { 'idempotency-key': 'reused' },
    );
    expect(anotherPath.statusCode).toBe(422);
    expect(await customersWithEmail(other.email)).toBe(0);
    expect((await billing.get(`/customers/${customerId}`)).json().status).toBe('active');
    expect(await auditCount(keel)).toBe(audited);
  });

  it('simultaneous requests with one key create one customer: the others are 409 or the same answer', async () => {
    for (let round = 0; round < 3; round++) {
      const body = newCustomer();
      const key = `race-${round}`;
      const responses = await Promise.all(
        Array.from({ length: 4 }, () => billing.post('/customers', body, { 'idempotency-key': key })),
      );
      const created = responses.filter((response) => response.statusCode === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const response of responses) {
        expect([201, 409]).toContain(response.statusCode);
        if (response.statusCode === 409) expect(response.json().type).toMatch(/idempotency-key-in-use$/);
      }
      for (const response of created) expect(response.json()).toEqual(created[0]?.json());
      expect(await customersWithEmail(body.email)).toBe(1);
    }
  });

  it("another user's same key is its own", async () => {
    const otherAdmin = await keel.admin();
    const mine = newCustomer();
    const theirs = newCustomer();
    const first = await billing.post('/customers', mine, { 'idempotency-key': 'shared-key' });
    const second = await otherAdmin.post('/customers', theirs, { 'idempotency-key': 'shared-key' });
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.json().customer.email).toBe(theirs.email);
    expect(await customersWithEmail(mine.email)).toBe(1);
    expect(await customersWithEmail(theirs.email)).toBe(1);
    const stored = await keel.handle.db
      .select()
      .from(idempotencyAnswers)
      .where(eq(idempotencyAnswers.keyDigest, idempotencyKeyDigest('shared-key')));
    expect(stored.map((answer) => answer.status)).toEqual([201, 201]);
  });

  it("a new session's cookie is never kept for a replay", async () => {
    const support = await keel.admin();
    const customer = (await billing.post('/customers', newCustomer())).json().customer;
    const started = await support.post(
      `/customers/${customer.id}/impersonate`,
      {},
      { 'idempotency-key': 'support-1' },
    );
    expect(started.statusCode).toBe(200);
    expect(started.headers['set-cookie']).toBeDefined();
    const [stored] = await keel.handle.db
      .select()
      .from(idempotencyAnswers)
      .where(eq(idempotencyAnswers.keyDigest, idempotencyKeyDigest('support-1')));
    expect(stored?.status).toBe(200);
    expect(Object.keys(stored?.headers ?? {})).toEqual(['content-type']);
  });

  it('an answer is replayed for 24 hours, then forgotten and the request runs again', async () => {
    const body = newCustomer();
    const first = await billing.post('/customers', body, { 'idempotency-key': 'day-old' });
    expect(first.statusCode).toBe(201);
    keel.clock.advanceMinutes(24 * 60 - 1);
    const withinDay = await billing.post('/customers', body, { 'idempotency-key': 'day-old' });
    expect(withinDay.json()).toEqual(first.json());
    keel.clock.advanceMinutes(1);
    const afterDay = await billing.post('/customers', body, { 'idempotency-key': 'day-old' });
    // Run again: the customer exists now, so the create itself refuses the email.
    expect(afterDay.statusCode).toBe(409);
    expect(afterDay.json().type).toMatch(/email-taken$/);
    expect(afterDay.headers['idempotent-replayed']).toBeUndefined();
    expect(await customersWithEmail(body.email)).toBe(1);
    const kept = await keel.handle.db.select().from(idempotencyAnswers);
    expect(kept.every((answer) => answer.expiresAt > keel.clock.now())).toBe(true);
    expect(kept.filter((answer) => answer.keyDigest === idempotencyKeyDigest('day-old'))).toHaveLength(1);
  });

  it('a claim left running by a process that died is taken over by a retry after 10 minutes', async () => {
    const body = newCustomer();
    const stuck = await billing.post('/customers', body, { 'idempotency-key': 'crashed' });
    expect(stuck.statusCode).toBe(201);
    // As if the process had died after claiming the key and before answering.
    await keel.handle.db
      .update(idempotencyAnswers)
      .set({ status: null, sealedBody: null })
      .where(eq(idempotencyAnswers.keyDigest, idempotencyKeyDigest('crashed')));
    expect((await billing.post('/customers', body, { 'idempotency-key': 'crashed' })).statusCode).toBe(409);
    keel.clock.advanceMinutes(10);
    const takenOver = await billing.post('/customers', body, { 'idempotency-key': 'crashed' });
    // The retry runs again: the first create did happen, so its email is taken now.
    expect(takenOver.json().type).toMatch(/email-taken$/);
    const again = await billing.post('/customers', body, { 'idempotency-key': 'crashed' });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(takenOver.json());
  });

  it('a refusal is replayed too, without running again', async () => {
    const body = newCustomer();
    const created = (await billing.post('/customers', body)).json().customer;
    const first = await billing.post(
      `/customers/${created.id}/reactivate`,
      {},
      { 'idempotency-key': 'early' },
    );
    expect(first.statusCode).toBe(409);
    expect((await billing.post(`/customers/${created.id}/suspend`, {})).statusCode).toBe(200);
    const retry = await billing.post(
      `/customers/${created.id}/reactivate`,
      {},
      { 'idempotency-key': 'early' },
    );
    expect(retry.statusCode).toBe(409);
    expect(retry.json()).toEqual(first.json());
    expect((await billing.get(`/customers/${created.id}`)).json().status).toBe('suspended');
  });

  it('a key that is too long, empty or not visible ASCII is 400 and changes nothing', async () => {
    for (const key of ['k'.repeat(256), '', 'two words', 'schlüssel']) {
      const body = newCustomer();
      const response = await billing.raw({
        method: 'POST',
        url: '/api/v1/customers',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
        payload: body,
      });
      expect(response.statusCode, key).toBe(400);
      expect(response.json().errors).toEqual([{ field: 'idempotency-key', message: expect.any(String) }]);
      expect(await customersWithEmail(body.email)).toBe(0);
    }
    const longest = newCustomer();
    const accepted = await billing.post('/customers', longest, { 'idempotency-key': 'k'.repeat(255) });
    expect(accepted.statusCode).toBe(201);
  });

  it('the OpenAPI document names the header on every POST but the public ones', async () => {
    const document = (await keel.anonymous().get('/api/openapi.json')).json();
    const posts = Object.entries(
      document.paths as Record<
        string,
        { post?: { parameters?: { in: string; name: string }[]; security?: unknown[] } }
      >,
    )
      .filter(([path, item]) => path.startsWith('/api/v1/') && item.post)
      .map(([path, item]) => ({
        path,
        keyed: (item.post?.parameters ?? []).some((p) => p.in === 'header' && p.name === 'idempotency-key'),
        // A public operation needs no credentials: an empty security requirement.
        open: item.post?.security?.length === 0,
      }));
    expect(posts.filter((post) => post.path === '/api/v1/customers' && post.keyed)).toHaveLength(1);
    expect(posts.filter((post) => post.path === '/api/v1/auth/login' && !post.keyed)).toHaveLength(1);
    expect(posts.filter((post) => !post.keyed && !post.open)).toEqual([]);
  });
});
