import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { selectRows } from '../../server/src/db/raw.js';
import { testApp } from '../helpers/app.js';

/** The probes a process supervisor and a load balancer call, without signing in. */
describe('health and readiness', async () => {
  const keel = await testApp();
  const probe = (url: string) => keel.app.inject({ method: 'GET', url });

  it('answers /healthz while the process runs, with no sign-in', async () => {
    const response = await probe('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers with every migration applied', async () => {
    const response = await probe('/readyz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready' });
  });

  it('is not ready, with the reason, while the schema is behind the code', async () => {
    // What a database looks like to a new Keel before its migrations ran: the latest is missing.
    const [latest] = await selectRows<{ id: number; hash: string; created_at: string }>(
      keel.handle.db,
      sql`select id, hash, created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    if (!latest) throw new Error('the test database has no migrations');
    await keel.handle.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${latest.id}`);
    try {
      const response = await probe('/readyz');
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 503, detail: expect.stringMatching(/migrations/) });
      // Liveness asks nothing of the database: the process itself is fine.
      expect((await probe('/healthz')).statusCode).toBe(200);
    } finally {
      await keel.handle.db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at)
          values (${latest.id}, ${latest.hash}, ${latest.created_at}::bigint)`,
      );
    }
    expect((await probe('/readyz')).statusCode).toBe(200);
  });

  it('refuses a probe URL with a parameter it does not take', async () => {
    expect((await probe('/healthz?verbose=1')).statusCode).toBe(400);
  });

  it('describes both probes in the OpenAPI document as public', async () => {
    const document = (await probe('/api/openapi.json')).json() as {
      paths: Record<string, { get?: { security?: unknown[]; description?: string } }>;
    };
    for (const path of ['/healthz', '/readyz']) {
      expect(document.paths[path]?.get?.security).toEqual([]);
      expect(document.paths[path]?.get?.description).toMatch(/Access: public/);
    }
  });
});
