import { describe, expect, it } from 'vitest';
import type { Customer, Permission } from '../../web/src/api/types.js';
import { bulkActions, offeredActions, summaryOf } from '../../web/src/features/customers/bulk-actions.js';
import { ownedEffects } from '../../web/src/features/hosting/owned-counts.js';

const yes: Permission = { allowed: true, reason: null };
const no = (reason: string): Permission => ({ allowed: false, reason });

/** A customer as the list presents it, with the permissions its status gives an admin. */
function customer(id: string, status: Customer['status'], counts: Partial<Customer> = {}): Customer {
  const deleted = status === 'deleted';
  return {
    id,
    firstName: 'Jana',
    lastName: id,
    company: null,
    email: `${id}@example.test`,
    status,
    reseller: null,
    package: null,
    server: { id: 'local-server', name: 'local' },
    move: null,
    siteCount: 0,
    databaseCount: 0,
    dnsZoneCount: 0,
    mailboxCount: 0,
    mailAliasCount: 0,
    ftpAccountCount: 0,
    cronJobCount: 0,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    suspendedAt: null,
    suspendReason: null,
    deletedAt: null,
    purgeAfter: null,
    purgeStartedAt: null,
    version: 1,
    permissions: {
      edit: deleted ? no('Customer is deleted; restore it first') : yes,
      changePassword: deleted ? no('Customer is deleted; restore it first') : yes,
      suspend: status === 'active' ? yes : no('Customer is already suspended'),
      reactivate: status === 'suspended' ? yes : no('Customer is already active'),
      delete: deleted ? no('Customer is already deleted') : yes,
      restore: deleted ? yes : no('Customer is not deleted'),
      purge: deleted ? yes : no('Customer is not deleted'),
      impersonate: deleted ? no('Customer is deleted') : yes,
      changeResources: deleted ? no('Customer is deleted') : yes,
      changePackage: deleted ? no('Customer is deleted; restore it first') : yes,
      move: deleted ? no('A deleted customer is not moved; restore it first') : yes,
    },
    ...counts,
  };
}

const labels = (customers: Customer[]) => offeredActions(customers).map((action) => action.label);

describe('the bulk actions offered for the chosen customers', () => {
  it('offers only what applies to at least one of them', () => {
    expect(labels([customer('a', 'active')])).toEqual(['Suspend', 'Change Package', 'Delete']);
    expect(labels([customer('a', 'active'), customer('s', 'suspended')])).toEqual([
      'Suspend',
      'Activate',
      'Change Package',
      'Delete',
    ]);
  });

  it('does not offer Change Package for a customer being moved, whose other edits go on', () => {
    const moving = no('Customer is being moved to another server; wait until the move is done');
    const base = customer('m', 'active');
    const mover = { ...base, permissions: { ...base.permissions, changePackage: moving } };
    expect(labels([mover])).not.toContain('Change Package');
    expect(labels([mover, customer('a', 'active')])).toContain('Change Package');
  });

  it('offers Restore, and only Restore, for deleted customers', () => {
    expect(labels([customer('d', 'deleted'), customer('e', 'deleted')])).toEqual(['Restore']);
  });
});

describe('the summary of a bulk action', () => {
  const suspend = bulkActions.find((action) => action.action === 'suspend');
  if (!suspend) throw new Error('no suspend action');

  it('counts the done and the refused', () => {
    const problem = {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'Customer is already suspended',
    };
    expect(
      summaryOf(suspend, [
        { id: 'a', status: 200 },
        { id: 'b', status: 200 },
        { id: 'c', status: 409, problem },
      ]),
    ).toBe('2 suspended; 1 refused');
    expect(summaryOf(suspend, [{ id: 'a', status: 200 }])).toBe('1 suspended');
  });
});

describe('what a change does to what the chosen customers own', () => {
  it('counts each kind over all of them, leaving out the kinds none has', () => {
    const lines = ownedEffects(
      [
        customer('a', 'active', { siteCount: 2 }),
        customer('b', 'active', { siteCount: 1, databaseCount: 1 }),
      ],
      () => 'stops',
    );
    expect(lines).toEqual(['3 websites: stops', '1 database: stops']);
  });
});
