import { describe, expect, it } from 'vitest';
import { dkimKeysOf, renderDkimTables } from './dkim-files.js';
import { mailLayout } from './layout.js';
import type { AppliedAddress } from './mail-desired.js';
import { mailEffect } from './mail-desired.js';
import { renderMailFiles } from './mail-maps.js';

const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g';
const layout = mailLayout('/srv/keel/mail');
const mailbox = (address: string, effect: AppliedAddress['effect']): AppliedAddress => ({
  kind: 'mailbox',
  address,
  effect,
  passwordHash: hash,
  quotaMb: 100,
});

describe('the mail effect of a claimed state', () => {
  it('follows DESIGN.md: held is stored, a deleted customer defers, switched off refuses', () => {
    expect(mailEffect('live', true)).toBe('open');
    expect(mailEffect('held', true)).toBe('stored');
    expect(mailEffect('suspended', true)).toBe('deferred');
    expect(mailEffect('live', false)).toBe('refused');
    expect(mailEffect('suspended', false)).toBe('refused');
    expect(mailEffect('absent', true)).toBeUndefined();
  });
});

describe("the maps and passwd-files of Keel's Postfix and Dovecot", () => {
  const files = renderMailFiles(
    layout,
    new Map<string, AppliedAddress>([
      ['00000000-0000-4000-8000-000000000001', mailbox('open@a.example', 'open')],
      ['00000000-0000-4000-8000-000000000002', mailbox('held@a.example', 'stored')],
      ['00000000-0000-4000-8000-000000000003', mailbox('later@b.example', 'deferred')],
      ['00000000-0000-4000-8000-000000000004', mailbox('off@b.example', 'refused')],
      [
        '00000000-0000-4000-8000-000000000005',
        {
          kind: 'alias',
          address: 'team@a.example',
          effect: 'stored',
          destinations: ['x@c.example', 'open@a.example'],
        },
      ],
    ]),
  );

  it('delivers open and held addresses, defers and refuses the others, lists every domain once', () => {
    expect(files.maps.domains).toBe('a.example OK\nb.example OK\n');
    expect(files.maps.mailboxes).toBe('held@a.example OK\nopen@a.example OK\n');
    expect(files.maps.aliases).toBe('team@a.example x@c.example,open@a.example\n');
    expect(files.maps.recipient_access).toBe(
      'later@b.example 450 4.2.1 Mailbox temporarily unavailable\noff@b.example 550 5.2.1 Mailbox disabled\n',
    );
  });

  it('lets only open mailboxes log in, each with its argon2id hash, home and quota', () => {
    expect(files.users).toContain(
      `open@a.example:{ARGON2ID}${hash}::::/srv/keel/mail/store/00000000-0000-4000-8000-000000000001::userdb_quota_rule=*:storage=100M\n`,
    );
    expect(files.denied).toBe(
      'shared/passdb/held@a.example\n{}\nshared/passdb/later@b.example\n{}\nshared/passdb/off@b.example\n{}\n',
    );
    expect(files.maps.sender_logins.split('\n').filter(Boolean)).toHaveLength(4);
  });
});

describe("OpenDKIM's tables", () => {
  const key = (selector: string) => ({
    selector,
    privateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
  });
  const applied = new Map<string, AppliedAddress>([
    ['00000000-0000-4000-8000-000000000001', { ...mailbox('one@a.example', 'open'), dkim: key('keel') }],
    ['00000000-0000-4000-8000-000000000002', { ...mailbox('two@a.example', 'stored'), dkim: key('keel') }],
    [
      '00000000-0000-4000-8000-000000000003',
      { ...mailbox('later@b.example', 'deferred'), dkim: key('keel') },
    ],
    ['00000000-0000-4000-8000-000000000004', { ...mailbox('old@c.example', 'open'), dkim: null }],
  ]);

  it('sign each domain that has an applied address and a key with its own key file, once', () => {
    const tables = renderDkimTables(layout, dkimKeysOf(applied));
    expect(tables.keyTable).toBe(
      'a.example a.example:keel:/srv/keel/mail/opendkim/keys/a.example.pem\nb.example b.example:keel:/srv/keel/mail/opendkim/keys/b.example.pem\n',
    );
    expect(tables.signingTable).toBe('a.example a.example\nb.example b.example\n');
  });
});
