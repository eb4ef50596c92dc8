import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { TSchema } from 'typebox';
import type { CustomerCounter } from '../db/schema/customers.js';
import type { PackageLimit } from '../db/schema/packages.js';
import type { ServedByRole } from '../provisioning/served-by-role.js';
import type { StatusStates } from './effective-state.js';
import type { ProvisioningView } from './provisioning-view.js';

/** The columns every hosted resource's table has: its owner and db/schema/reconciled.ts. */
export type HostedTable = PgTable & {
  id: AnyPgColumn;
  customerId: AnyPgColumn;
  enabled: AnyPgColumn;
  removedAt: AnyPgColumn;
  appliedState: AnyPgColumn;
  provisioningState: AnyPgColumn;
  claimedUntil: AnyPgColumn;
  createdAt: AnyPgColumn;
};

export type RowOf<Table extends HostedTable> = Table['$inferSelect'];

/** What presenting a resource needs beyond its row: its provisioning, the homes (a document root). */
export interface PresentedWith {
  provisioning: ProvisioningView;
  homesDir: string;
  /** The name servers customers point their domains at; none when Keel serves no DNS. */
  nameservers: readonly string[];
}

/**
 * Everything the rest of Keel needs to know about a kind of hosting resource (a website, a
 * database …). The shared rules (hosted-resources.ts), the generic routes
 * (hosted.routes.ts), package limits and counters read it; the reconciler reads the same
 * object's ReconciledKind part (provisioning/reconciled-kind.ts). A kind is declared once, in its
 * area folder, and registered once, in server/src/resource-kinds.ts.
 */
export interface ResourceKind<Table extends HostedTable = HostedTable> {
  /** The audit target type and action prefix: `website` gives `website.created`. */
  noun: string;
  /** As a sentence names one: "Website not found". */
  title: string;
  /** As a sentence names several: "allows 3 websites". */
  plural: string;
  /** The URL segment under /customers/{id}/ and the OpenAPI tag. */
  path: string;
  /** The path parameter naming one: /customers/{id}/websites/{websiteId}. */
  idParam: string;
  table: Table;
  /** The customer's column counting this kind, which the customer list shows and sorts by. */
  counter: CustomerCounter;
  /** The package's column capping this kind (null there means unlimited); null: never capped (mail aliases). */
  limit: PackageLimit | null;
  /** What a switched-on resource is for each status of its customer. */
  statusStates: StatusStates;
  /**
   * Served by every server of this role, not only by its customer's (each name server serves every
   * zone): its applied state is kept per server (provisioning/served-by-role.ts).
   */
  servedBy?: ServedByRole;
  /** The list's sort fields and their columns; the id breaks ties. */
  sortColumns: Record<string, AnyPgColumn>;
  /** The order of a list asked for none. */
  defaultSort: string;
  /** The column `q` searches. */
  searchColumn: AnyPgColumn;
  /** Audit actions of its own besides created, updated and deleted (`password_changed`). */
  actions: readonly string[];
  /** How a person names one: its domain, its database name. */
  label(row: RowOf<Table>): string;
  /** What the audit log says about one, never a secret: `{ domain }`, `{ name, user }`. */
  describe(row: RowOf<Table>): Record<string, unknown>;
  /** The API's view of one, and its schema. */
  schema: TSchema;
  present(row: RowOf<Table>, shown: PresentedWith): unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: a kind of any table, for code that serves every kind
export type AnyResourceKind = ResourceKind<any>;

/** `/customers/{id}/<kind>/{<idParam>}` as the shared rules name one resource. */
export interface HostedIds {
  customerId: string;
  resourceId: string;
}
