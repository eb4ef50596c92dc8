import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

describe('sessions', async () => {
  const keel = await testApp();

  it('answers 401 without a session', async () => {
    const response = await keel.anonymous().get('/auth/session');
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('signs an admin in and out', async () => {
    const admin = await keel.admin();
    const session = await admin.get('/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { role: 'admin' }, impersonator: null });
    expect((await admin.post('/auth/logout')).statusCode).toBe(204);
    expect((await admin.get('/auth/session')).statusCode).toBe(401);
  });
});
