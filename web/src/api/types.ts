import type { paths } from './schema.js';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? JsonOf<R> : never;
type BodyOf<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

type V1 = '/api/v1';

export type Session = Ok<paths[`${V1}/auth/session`]['get']>;
export type User = Session['user'];
export type Role = User['role'];

export type ApiToken = Ok<paths[`${V1}/auth/tokens`]['get']>[number];
export type NewApiToken = BodyOf<paths[`${V1}/auth/tokens`]['post']>;
export type ApiScope = ApiToken['scopes'][number];

export type TwoFactorStatus = Ok<paths[`${V1}/auth/2fa`]['get']>;
export type TwoFactorSetup = Ok<paths[`${V1}/auth/2fa/setup`]['post']>;

export type Customer = Ok<paths[`${V1}/customers/{id}`]['get']>;
export type CustomerStatus = Customer['status'];
export type CustomerPage = Ok<paths[`${V1}/customers`]['get']>;
export type NewCustomer = BodyOf<paths[`${V1}/customers`]['post']>;
export type CustomerChanges = BodyOf<paths[`${V1}/customers/{id}`]['patch']>;
export type BulkCustomerChange = BodyOf<paths[`${V1}/customers/bulk`]['post']>;
export type BulkCustomerResult = Ok<paths[`${V1}/customers/bulk`]['post']>['results'][number];

export type Reseller = Ok<paths[`${V1}/resellers/{id}`]['get']>;
export type NewReseller = BodyOf<paths[`${V1}/resellers`]['post']>;

export type HostingPackage = Ok<paths[`${V1}/packages/{id}`]['get']>;
export type PackageLimits = HostingPackage['limits'];

export type SecuritySettings = Ok<paths[`${V1}/settings/security`]['get']>;
export type PasswordPolicy = SecuritySettings['passwordPolicy'];
export type PlatformSettings = Ok<paths[`${V1}/settings/platform`]['get']>;

export type AuditEvent = Ok<paths[`${V1}/audit`]['get']>['items'][number];

export type Website = Ok<paths[`${V1}/customers/{id}/websites`]['get']>['items'][number];
export type Database = Ok<paths[`${V1}/customers/{id}/databases`]['get']>['items'][number];
export type FtpAccount = Ok<paths[`${V1}/customers/{id}/ftp-accounts`]['get']>['items'][number];
export type DnsZone = Ok<paths[`${V1}/customers/{id}/dns-zones`]['get']>['items'][number];
export type MailDomain = Ok<paths[`${V1}/customers/{id}/mail-domains`]['get']>['items'][number];
export type Mailbox = Ok<paths[`${V1}/customers/{id}/mailboxes`]['get']>['items'][number];
export type MailAlias = Ok<paths[`${V1}/customers/{id}/mail-aliases`]['get']>['items'][number];
export type CronJob = Ok<paths[`${V1}/customers/{id}/cron-jobs`]['get']>['items'][number];

/** What the caller may do with an object, as the server's own rule says; presented with each. */
export type Permission = Customer['permissions']['edit'];

export type Backup = Ok<paths[`${V1}/customers/{id}/backups/{backupId}`]['get']>;
export type BackupJob = Ok<paths[`${V1}/customers/{id}/backup-jobs`]['get']>['items'][number];
export type BackupPart = NonNullable<
  BodyOf<paths[`${V1}/customers/{id}/backups/{backupId}/restore`]['post']>['parts']
>[number];
export type BackupSettings = Ok<paths[`${V1}/settings/backups`]['get']>;

export type Server = Ok<paths[`${V1}/servers/{id}`]['get']>;
export type ServerRole = Server['roles'][number];
export type NewServer = BodyOf<paths[`${V1}/servers`]['post']>;
export type MoveTarget = Ok<paths[`${V1}/customers/{id}/move-targets`]['get']>['items'][number];
