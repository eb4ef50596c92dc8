import path from 'node:path';
import type { ApplyResult, DriftCheck, DriftReport, InventoryItem } from '../types.js';
import { type AppliedKind, mailboxHome } from './layout.js';
import { applyMailBatch } from './mail-batch.js';
import type { MailAliasDesired, MailboxDesired } from './mail-desired.js';
import { mailDrift } from './mail-drift.js';
import { idsIn, readApplied } from './mail-maps.js';
import type { MailServer } from './mail-server.js';
import { maildirBytes } from './maildir-size.js';

/**
 * Mailboxes or aliases on Keel's Postfix and Dovecot. Both kinds' drivers share one server, whose
 * queue keeps their batches from rebuilding the maps at the same time.
 */
export class MailDriver<Desired extends MailboxDesired | MailAliasDesired> {
  constructor(
    readonly server: MailServer,
    private readonly kind: AppliedKind,
  ) {}

  apply(batch: readonly Desired[]): Promise<ApplyResult[]> {
    return this.server.serially(() => applyMailBatch(this.server, this.kind, batch));
  }

  /** Whether Postfix takes mail and Dovecot deliveries: while either is down every batch fails. */
  reachable(): Promise<boolean> {
    return this.server.reachable();
  }

  drift(check: DriftCheck<Desired>): Promise<DriftReport> {
    return this.server.serially(() => mailDrift(this.server.layout, this.kind, check));
  }

  /** The bytes of every stored mailbox's messages, by id (mailboxes only; none for aliases). */
  async usage(): Promise<Map<string, number>> {
    const usage = new Map<string, number>();
    if (this.kind !== 'mailbox') return usage;
    for (const id of await idsIn(this.server.layout.storeDir))
      usage.set(id, await maildirBytes(path.join(mailboxHome(this.server.layout, id), 'Maildir')));
    return usage;
  }

  /** Every applied address of the kind; for mailboxes also every store directory on disk. */
  async inventory(): Promise<InventoryItem[]> {
    const applied = await readApplied(this.server.layout, [this.kind]);
    const items = [...applied.keys()].map((name): InventoryItem => ({ kind: `mail-${this.kind}`, name }));
    if (this.kind === 'mailbox') {
      for (const name of await idsIn(this.server.layout.storeDir)) items.push({ kind: 'mail-store', name });
    }
    return items;
  }
}
