import path from 'node:path';
import type { KindService } from '../../reconciled-kind.js';
import type { ServiceSettings, Stops } from '../../service-settings.js';
import { mailLayout } from './layout.js';
import { findMailBinaries } from './mail-binaries.js';
import type { MailAliasDesired, MailboxDesired } from './mail-desired.js';
import { MailDriver } from './mail-driver.js';
import { MailServer } from './mail-server.js';

export type MailboxDriver = MailDriver<MailboxDesired>;
export type MailAliasDriver = MailDriver<MailAliasDesired>;

// Both kinds share one Postfix and one Dovecot: started by the first kind, stopped once.
const started = new WeakMap<Stops, Promise<MailServer | { unavailable: string }>>();

async function startMailServer(settings: ServiceSettings, stops: Stops) {
  const mail = settings.mail;
  if (!mail || mail.smtpPort === null)
    return { unavailable: 'Mail is not served: KEEL_SMTP_PORT is not set' };
  const binaries = await findMailBinaries();
  if (binaries === undefined) {
    return {
      unavailable:
        'Postfix, Dovecot or OpenDKIM was not found: install them (apt-get install postfix postfix-lmdb dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd opendkim)',
    };
  }
  const server = new MailServer({
    binaries,
    layout: mailLayout(path.join(settings.dataDir, 'mail'), mail),
    listen: {
      host: mail.host,
      smtp: mail.smtpPort,
      submission: mail.submissionPort,
      imap: mail.imapPort,
      pop3: mail.pop3Port,
      hostname: mail.hostname,
    },
    log: settings.log,
  });
  await server.start();
  stops.push(() => server.stop());
  return server;
}

function serverFor(settings: ServiceSettings, stops: Stops) {
  let server = started.get(stops);
  if (!server) {
    server = startMailServer(settings, stops);
    started.set(stops, server);
  }
  return server;
}

/** Only the applied files are read for inventory: nothing is started, no binary looked for. */
function inspectedServer(settings: ServiceSettings): MailServer | null {
  const mail = settings.mail;
  if (!mail || mail.smtpPort === null) return null;
  const none = '/nonexistent';
  return new MailServer({
    binaries: { postfix: none, master: none, postmap: none, dovecot: none, doveadm: none, opendkim: none },
    layout: mailLayout(path.join(settings.dataDir, 'mail'), mail),
    listen: {
      host: mail.host,
      smtp: mail.smtpPort,
      submission: null,
      imap: null,
      pop3: null,
      hostname: mail.hostname,
    },
  });
}

function mailService<Desired extends MailboxDesired | MailAliasDesired>(
  kind: 'mailbox' | 'alias',
): KindService<MailDriver<Desired>> {
  return {
    async start(settings, stops) {
      const server = await serverFor(settings, stops);
      return server instanceof MailServer ? new MailDriver<Desired>(server, kind) : server;
    },
    inspect(settings) {
      const server = inspectedServer(settings);
      return server && new MailDriver<Desired>(server, kind);
    },
  };
}

/** Keel's own Postfix and Dovecot, for mailboxes. */
export const mailboxService = mailService<MailboxDesired>('mailbox');
/** The same Postfix, for forwarding addresses. */
export const mailAliasService = mailService<MailAliasDesired>('alias');
