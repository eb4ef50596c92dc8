import { describe, expect, it } from 'vitest';
import { doctor } from '../../server/src/cli/doctor.js';
import { testApp } from '../helpers/app.js';

describe('keel doctor on the panel with other servers', () => {
  it('checks the local server and names the servers it leaves to doctor on their own machines', async () => {
    const keel = await testApp();
    const admin = await keel.admin();
    expect((await admin.post('/servers', { name: 'far-away', roles: ['web'] })).statusCode).toBe(201);
    const report = await doctor(keel.system, [], { repair: false, backupDir: keel.backupDir });
    expect(report.inOrder).toBe(true);
    expect(report.lines).toEqual([
      'All in order (checked: no service configured).',
      'Not checked from here (run keel doctor on their machines, as their agents run):',
      '  far-away (offline)',
    ]);
  });
});
