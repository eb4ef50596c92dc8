import { describe, expect, it } from 'vitest';
import { effectDrift } from '../../server/src/provisioning/drivers/nginx/site-drift.js';
import { freePort, newId } from './helpers.js';

describe('what keel doctor asks nginx of each site', () => {
  it('says once that nginx does not answer, instead of waiting out a deadline for every site', async () => {
    const nobody = { host: '127.0.0.1', port: await freePort() };
    const sites = Array.from({ length: 40 }, (_, index) => ({
      id: newId(),
      customerId: newId(),
      domain: `site${index}.effects.test`,
      state: 'live' as const,
    }));
    const effects = await effectDrift(nobody, sites);
    // Asked of one site, said once: not forty differences that all say nginx is down.
    expect(effects.drifted).toEqual([]);
    expect(effects.unchecked).toEqual([
      expect.stringMatching(/^what the websites answer: nginx did not answer: .*ECONNREFUSED/),
    ]);
  });
});
