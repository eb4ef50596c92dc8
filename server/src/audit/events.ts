/**
 * Every action of Keel's own areas. Adding a use case that changes state means adding its action
 * here; a hosting resource kind's actions are its noun and the verbs it declares
 * (hosting/resource-audit.ts).
 */
export const auditActions = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.authorization_denied',
  'auth.token_created',
  'auth.token_revoked',
  'auth.token_refused',
  'auth.login_link_created',
  'auth.two_factor_challenged',
  'auth.two_factor_setup_started',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'auth.two_factor_disable_refused',
  'auth.two_factor_reset',
  'impersonation.started',
  'impersonation.stopped',
  'impersonation.ended',
  'settings.security_updated',
  'settings.platform_updated',
  'settings.backups_updated',
  'admin.created',
  'customer.created',
  'customer.updated',
  'customer.password_changed',
  'customer.suspended',
  'customer.reactivated',
  'customer.deleted',
  'customer.restored',
  'customer.purge_started',
  'customer.purged',
  'customer.move_started',
  'customer.moved',
  'customer.move_failed',
  'reseller.created',
  'reseller.updated',
  'reseller.deleted',
  'package.created',
  'package.updated',
  'package.deleted',
  'service.file_set_aside',
  'server.created',
  'server.updated',
  'server.deleted',
  'server.credential_reissued',
  'server.enrolled',
  'backup.started',
  'backup.deleted',
  'backup.restore_started',
  'backup.job_finished',
  'backup.repository_kept',
  'backup.kept_repository_deleted',
] as const;

export type AuditAction = (typeof auditActions)[number];

/** `website.created`, `database.password_changed` …: made only by hosting/resource-audit.ts. */
export type ResourceAuditAction = string & { readonly resourceAuditAction: unique symbol };

export interface AuditEvent {
  action: AuditAction | ResourceAuditAction;
  /** The customer the event is about, so it shows in that customer's own log. */
  customerId?: string | null;
  /** The reseller whose log shows the event; left out, the customer's current reseller (or the acting reseller). */
  resellerId?: string | null;
  target?: { type: string; id: string } | null;
  /** What changed. Secrets are stripped by record() whatever a caller passes. */
  details?: Record<string, unknown>;
}
