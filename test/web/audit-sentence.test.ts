import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../web/src/api/types.js';
import { eventSentence } from '../../web/src/features/audit/sentence.js';

const customerId = '3f2a9c1e-0b7d-4e55-9a61-2c8f0d4b7e10';
const ana = { id: 'a1', email: 'ana@keel.test', name: 'Ana Admin', role: 'admin' };
const jana = { id: 'c1', email: 'jana@mueller.test', name: 'Jana Müller', role: 'customer' };

function event(overrides: Partial<AuditEvent>): AuditEvent {
  return {
    id: '1',
    at: '2026-12-05T10:00:00.000Z',
    action: 'auth.login',
    actor: ana,
    actorRole: 'admin',
    impersonator: null,
    customerId: null,
    customerName: null,
    resellerId: null,
    resellerName: null,
    target: null,
    ip: null,
    userAgent: null,
    details: {},
    ...overrides,
  };
}

const read = (shown: ReturnType<typeof eventSentence>) =>
  [shown.who, shown.did, shown.customer?.name].filter(Boolean).join(' ') + shown.rest;

describe('audit events as sentences', () => {
  it('names who did what to which customer, and why', () => {
    const suspended = eventSentence(
      event({
        action: 'customer.suspended',
        customerId,
        customerName: 'Müller GmbH (Jana Müller)',
        details: { reason: 'unpaid invoice' },
      }),
    );
    expect(read(suspended)).toBe('Ana Admin (admin) suspended Müller GmbH (Jana Müller): unpaid invoice');
    expect(suspended.customer).toEqual({ id: customerId, name: 'Müller GmbH (Jana Müller)' });
  });

  it("tells a move's start, failure and end with its servers", () => {
    const servers = { fromServerId: 's1', fromServer: 'local', toServerId: 's2', toServer: 'web-2' };
    const move = (action: string, details: Record<string, unknown>) =>
      read(eventSentence(event({ action, customerId, customerName: 'Jana Müller', details })));
    expect(move('customer.move_started', servers)).toBe(
      'Ana Admin (admin) began moving Jana Müller from local to web-2',
    );
    const failed = { ...servers, step: 'restoring', error: 'The restore on web-2 failed: disk full' };
    expect(
      read(
        eventSentence(
          event({
            action: 'customer.move_failed',
            actor: null,
            actorRole: 'system',
            customerId,
            customerName: 'Jana Müller',
            details: failed,
          }),
        ),
      ),
    ).toBe('Keel could not move Jana Müller from local to web-2: The restore on web-2 failed: disk full');
    expect(move('customer.moved', { ...servers, leftOnSource: null })).toBe(
      'Ana Admin (admin) moved Jana Müller from local to web-2',
    );
  });

  it('names support before the customer it acted as, and alone when it leaves', () => {
    const asJana = {
      actor: jana,
      actorRole: 'customer',
      impersonator: ana,
      customerId,
      customerName: 'Jana Müller',
    };
    expect(
      read(eventSentence(event({ ...asJana, action: 'website.created', details: { domain: 'm.test' } }))),
    ).toBe('Ana Admin (admin) as Jana Müller added the website m.test of Jana Müller');
    expect(read(eventSentence(event({ ...asJana, action: 'impersonation.stopped' })))).toBe(
      'Ana Admin (admin) went back to their own account from Jana Müller',
    );
  });

  it('names a purged customer as its own last event recorded it, never by another thing’s name', () => {
    const purged = event({
      action: 'customer.purged',
      customerId,
      details: { name: 'Jana Müller', email: 'jana@mueller.test' },
    });
    expect(read(eventSentence(purged))).toBe('Ana Admin (admin) permanently deleted Jana Müller');
    const itsDatabase = event({
      action: 'database.deleted',
      actor: null,
      actorRole: 'system',
      customerId,
      details: { name: 'k1_shop', user: 'k1_shop' },
    });
    expect(read(eventSentence(itsDatabase))).toBe(
      'Keel deleted the database k1_shop of a customer no longer in Keel',
    );
  });

  it('says what changed, what was switched, and who failed to sign in, with no null, id or action name', () => {
    const sentences = [
      event({
        action: 'customer.updated',
        customerId,
        customerName: 'Jana Müller',
        details: { changes: { company: {}, lastName: {} } },
      }),
      event({
        action: 'ftp_account.updated',
        customerId,
        customerName: 'Jana Müller',
        details: { user: 'k1_web', changes: { enabled: { from: true, to: false } } },
      }),
      event({
        action: 'auth.login_failed',
        actor: null,
        actorRole: 'anonymous',
        details: { email: 'x@y.test', reason: 'wrong_password' },
      }),
      event({ action: 'dns_zone.repaired', actor: null, actorRole: 'system', details: { domain: 'm.test' } }),
      event({
        action: 'website.certificate_uploaded',
        customerId,
        customerName: 'Jana Müller',
        details: { domain: 'shop.test', issuer: 'Shop CA', expiresAt: '2027-01-01T00:00:00.000Z' },
      }),
    ].map((shown) => read(eventSentence(shown)));
    expect(sentences).toEqual([
      'Ana Admin (admin) edited Jana Müller: company, last name changed',
      'Ana Admin (admin) switched off the FTP account k1_web of Jana Müller',
      'Someone using x@y.test could not sign in: wrong password',
      'Keel repaired the DNS zone m.test',
      'Ana Admin (admin) uploaded a certificate for the website shop.test of Jana Müller',
    ]);
    for (const sentence of sentences)
      expect(sentence).not.toMatch(/null|undefined|[a-z]+\.[a-z_]+ed\b|[0-9a-f]{8}-/);
  });
});
