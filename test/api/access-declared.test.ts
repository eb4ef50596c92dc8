import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { adminOnly, publicRoute } from '../../server/src/access/rules.js';
import { accessDeclaredPlugin } from '../../server/src/http/plugins/access-declared.js';

/** A route that forgets its access rule, its token scope or its operationId does not start. */
describe('routes declare their access', () => {
  async function register(config: Record<string, unknown>, schema: Record<string, unknown> = {}) {
    const app = Fastify();
    await app.register(accessDeclaredPlugin);
    app.get('/api/v1/things', { config, schema }, async () => ({}));
    try {
      await app.ready();
      return 'started';
    } finally {
      await app.close();
    }
  }

  it('refuses a route without a rule, a scope or an operationId', async () => {
    await expect(register({}, { operationId: 'listThings' })).rejects.toThrow(/declares no access rule/);
    await expect(register({ access: adminOnly }, { operationId: 'listThings' })).rejects.toThrow(
      /declares no API token scope/,
    );
    await expect(register({ access: adminOnly, scope: 'settings:read' })).rejects.toThrow(
      /declares no operationId/,
    );
  });

  it('starts a route that declares them all, and a public one without a scope', async () => {
    await expect(register({ access: adminOnly, scope: null }, { operationId: 'listThings' })).resolves.toBe(
      'started',
    );
    await expect(register({ access: publicRoute }, { operationId: 'listThings' })).resolves.toBe('started');
  });
});
