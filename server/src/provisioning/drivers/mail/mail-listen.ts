/** Where Keel's mail services listen; a null port leaves that service off. */
export interface MailListen {
  /** An IP literal: 127.0.0.1 unless the operator exposes mail directly. */
  host: string;
  /** Postfix, for mail from other servers (port 25 in production). */
  smtp: number;
  /** Postfix, for the customers' own mail programs: STARTTLS and AUTH required. */
  submission: number | null;
  imap: number | null;
  pop3: number | null;
  /** The name Postfix greets with and puts in Received: headers. */
  hostname: string;
}

/** `host:port` as master.cf and Dovecot's listen take it (IPv6 in brackets for Postfix). */
export const postfixEndpoint = (host: string, port: number) =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
