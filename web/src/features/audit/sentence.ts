import type { AuditEvent } from '../../api/types.js';

/**
 * An audit event as a sentence a person reads: "Ana Admin (admin) suspended Müller GmbH (Jana
 * Müller): unpaid invoice". Split in parts so the page can make the customer a link; a part never
 * holds an id, a null or an action's machine name.
 */
export type EventSentence = {
  /** Who acted, with the impersonating person first: "Ana Admin (admin) as Jana Müller". */
  who: string;
  /** What was done, up to the customer: "suspended". */
  did: string;
  /** The customer the event is about, when the sentence names it. */
  customer: { id: string; name: string } | null;
  /** What follows the customer: ": unpaid invoice", ": company, email changed". */
  rest: string;
};

type Person = NonNullable<AuditEvent['actor']>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

const personName = (person: Person) => text(person.name) ?? person.email;

function who(event: AuditEvent): string {
  if (event.actor === null) {
    if (event.actorRole === 'system') return 'Keel';
    const email = text(event.details.email);
    return email ? `Someone using ${email}` : 'Someone';
  }
  const actor = `${personName(event.actor)} (${event.actor.role})`;
  if (!event.impersonator) return actor;
  // Leaving a support session is the support person's doing; the sentence names the customer.
  if (event.action.startsWith('impersonation.')) {
    return `${personName(event.impersonator)} (${event.impersonator.role})`;
  }
  return `${personName(event.impersonator)} (${event.impersonator.role}) as ${personName(event.actor)}`;
}

/** "ftp_account" → "FTP account". */
function kindWords(noun: string): string {
  return noun
    .split('_')
    .map((word) => (['dns', 'ftp'].includes(word) ? word.toUpperCase() : word))
    .join(' ');
}

/** What a resource is called in its own details: a domain, an address, a user or a name. */
function resourceLabel(details: AuditEvent['details']): string {
  return text(details.domain) ?? text(details.address) ?? text(details.user) ?? text(details.name) ?? '';
}

function changedFields(details: AuditEvent['details']): string[] {
  const changes = details.changes;
  return changes && typeof changes === 'object' ? Object.keys(changes) : [];
}

/** "company, last name" for the fields `company` and `lastName`. */
const fieldWords = (fields: string[]) =>
  fields.map((field) => field.replace(/([A-Z])/g, ' $1').toLowerCase()).join(', ');

const listed = (fields: string[]) => (fields.length > 0 ? ` (${fieldWords(fields)})` : '');

const reason = (details: AuditEvent['details']) => {
  const given = text(details.reason);
  return given ? `: ${given}` : '';
};

/** " from local to ns2", from the server names every move event records. */
function servers(details: AuditEvent['details']): string {
  const from = text(details.fromServer);
  const to = text(details.toServer);
  return `${from ? ` from ${from}` : ''}${to ? ` to ${to}` : ''}`;
}

/** What follows the customer in a move's sentence: its servers, and why a failed one failed. */
function moveRest(action: string, details: AuditEvent['details']): string {
  const error = action === 'customer.move_failed' ? text(details.error) : undefined;
  return `${servers(details)}${error ? `: ${error}` : ''}`;
}

const customerVerbs: Record<string, string> = {
  'customer.created': 'created the customer',
  'customer.updated': 'edited',
  'customer.password_changed': 'changed the password of',
  'customer.suspended': 'suspended',
  'customer.reactivated': 'reactivated',
  'customer.deleted': 'deleted',
  'customer.restored': 'restored',
  'customer.purge_started': 'began permanently deleting',
  'customer.purged': 'permanently deleted',
  'customer.move_started': 'began moving',
  'customer.moved': 'moved',
  'customer.move_failed': 'could not move',
  'impersonation.started': 'logged in as',
  'impersonation.stopped': 'went back to their own account from',
  'impersonation.ended': 'ended the support session as',
};

const plainVerbs: Record<string, (details: AuditEvent['details']) => string> = {
  'auth.login': () => 'signed in',
  'auth.login_failed': (details) => `could not sign in${reason(details).replace(/_/g, ' ')}`,
  'auth.logout': () => 'signed out',
  'auth.authorization_denied': () => 'was refused an action they may not take',
  'auth.token_created': (details) => `created the API token ${text(details.name) ?? ''}`.trim(),
  'auth.token_revoked': (details) => `revoked the API token ${text(details.name) ?? ''}`.trim(),
  'settings.security_updated': (details) => `changed the security settings${listed(changedFields(details))}`,
  'settings.platform_updated': (details) => `changed the platform settings${listed(changedFields(details))}`,
  'admin.created': (details) => `created the admin ${text(details.email) ?? ''}`.trim(),
  'service.file_set_aside': () => 'set aside a service file the service refused',
};

const resourceVerbs: Record<string, string> = {
  created: 'added the',
  updated: 'changed the',
  deleted: 'deleted the',
  password_changed: 'changed the password of the',
  repaired: 'repaired the',
  certificate_uploaded: 'uploaded a certificate for the',
  certificate_renewal_requested: 'asked for a new certificate for the',
};

const ownVerbs: Record<string, string> = { created: 'created', updated: 'edited', deleted: 'deleted' };

/** The customer named by the event, as it is now or, once purged, as the event recorded it. */
function customerOf(event: AuditEvent): EventSentence['customer'] {
  if (!event.customerId) return null;
  // Only a customer's own events and a support session's record who the customer was.
  const recorded = event.action.startsWith('customer.')
    ? (text(event.details.name) ?? text(event.details.email))
    : event.action.startsWith('impersonation.')
      ? text(event.details.customerEmail)
      : undefined;
  return {
    id: event.customerId,
    name: text(event.customerName) ?? recorded ?? 'a customer no longer in Keel',
  };
}

export function eventSentence(event: AuditEvent): EventSentence {
  const { action, details } = event;
  const base = { who: who(event), customer: null, rest: '' };
  const customer = customerOf(event);
  if (action in customerVerbs) {
    const verb = customerVerbs[action] ?? action;
    const rest =
      action === 'customer.updated' && changedFields(details).length > 0
        ? `: ${fieldWords(changedFields(details))} changed`
        : action === 'customer.suspended' || action === 'impersonation.started'
          ? reason(details)
          : action.startsWith('customer.move')
            ? moveRest(action, details)
            : '';
    return { ...base, did: verb, customer, rest };
  }
  const plain = plainVerbs[action];
  if (plain) return { ...base, did: plain(details) };
  const [noun = '', verb = ''] = action.split('.');
  if (noun === 'reseller' || noun === 'package') {
    const name = text(details.name) ?? (noun === 'reseller' ? text(event.resellerName) : undefined) ?? '';
    return { ...base, did: `${ownVerbs[verb] ?? verb.replace(/_/g, ' ')} the ${noun} ${name}`.trim() };
  }
  const enabled = (details.changes as { enabled?: { to?: unknown } } | undefined)?.enabled?.to;
  const resourceVerb =
    verb === 'updated' && typeof enabled === 'boolean'
      ? `switched ${enabled ? 'on' : 'off'} the`
      : (resourceVerbs[verb] ?? `${verb.replace(/_/g, ' ')} the`);
  const did = `${resourceVerb} ${kindWords(noun)} ${resourceLabel(details)}`.trim();
  return customer ? { ...base, did: `${did} of`, customer } : { ...base, did };
}
