import { rm } from 'node:fs/promises';
import { isUuid } from '../../../contract/ids.js';
import { putFile } from '../files/atomic-file.js';
import { type ApplyResult, failure } from '../types.js';
import { type AppliedKind, appliedFile, mailboxHome } from './layout.js';
import {
  type AppliedAddress,
  appliedAddress,
  type MailAliasDesired,
  type MailboxDesired,
  mailEffect,
} from './mail-desired.js';
import { readApplied } from './mail-maps.js';
import type { MailServer } from './mail-server.js';

interface Written {
  id: string;
  entry: AppliedAddress | undefined;
  before: AppliedAddress | undefined;
}

/**
 * Converges a batch of mailboxes or aliases: each one's applied file written (or removed), then
 * every map, passwd-file and DKIM table rebuilt once from all applied files, then the sessions of addresses
 * whose logins are now refused closed and removed mailboxes' stores deleted. One broken item
 * fails alone; a rebuild that fails fails the batch, and the next one rebuilds again.
 */
export async function applyMailBatch(
  server: MailServer,
  kind: AppliedKind,
  batch: readonly (MailboxDesired | MailAliasDesired)[],
): Promise<ApplyResult[]> {
  const { layout } = server;
  const results = new Map<string, ApplyResult>();
  const counts = new Map<string, number>();
  for (const item of batch) counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
  const previous = await readApplied(layout, [kind]);
  const written: Written[] = [];
  for (const item of batch) {
    try {
      if (!isUuid(item.id)) throw new Error(`invalid id ${JSON.stringify(item.id)}`);
      if ((counts.get(item.id) ?? 0) > 1) throw new Error('listed twice in one batch');
      const effect = mailEffect(item.state, item.enabled);
      const entry = effect === undefined ? undefined : appliedAddress(item, effect);
      await putFile(appliedFile(layout, kind, item.id), entry && `${JSON.stringify(entry)}\n`);
      written.push({ id: item.id, entry, before: previous.get(item.id) });
    } catch (error) {
      results.set(item.id, failure(item.id, error));
    }
  }
  try {
    await server.rebuildFiles();
  } catch (error) {
    for (const { id } of written) results.set(id, failure(id, error));
    return batch.map((item) => results.get(item.id) as ApplyResult);
  }
  await Promise.all(
    written.map(async ({ id, entry, before }) => {
      try {
        await closeSessions(server, entry, before);
        if (kind === 'mailbox' && entry === undefined)
          await rm(mailboxHome(layout, id), { recursive: true, force: true });
        results.set(id, { id, ok: true });
      } catch (error) {
        results.set(id, failure(id, error));
      }
    }),
  );
  return batch.map((item) => results.get(item.id) ?? failure(item.id, 'not applied'));
}

/** A mailbox whose logins are refused now: its open IMAP and POP3 sessions end too. */
async function closeSessions(
  server: MailServer,
  entry: AppliedAddress | undefined,
  before: AppliedAddress | undefined,
): Promise<void> {
  const mailbox = entry ?? before;
  if (mailbox?.kind === 'mailbox' && entry?.effect !== 'open') await server.kick(mailbox.address);
}
