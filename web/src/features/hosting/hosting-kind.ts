import type { ComponentType, ReactNode } from 'react';
import type { Customer, PackageLimits, Permission } from '../../api/types.js';

/** The customer's count of each kind: siteCount, databaseCount, dnsZoneCount … */
export type CustomerCounter = {
  [Field in keyof Customer]-?: Field extends `${string}Count` ? Field : never;
}[keyof Customer];

type ResourceColumn<T> = { label: string; render: (item: T) => ReactNode };

/** What every hosted resource carries: the customer's own switch and what its service applied. */
export type HostedResource = {
  id: string;
  enabled: boolean;
  provisioning: { state: 'pending' | 'ready' | 'error'; error: string | null };
};

/** A dialog of one kind that works on a customer's resources. */
type AddDialog = ComponentType<{ customerId: string; onClose: () => void }>;
/** `permission` is the customer's `changeResources`: refused, the actions say why. */
type RowActions<Resource> = ComponentType<{ resource: Resource; customerId: string; permission: Permission }>;

/**
 * What the panel shows and offers of one kind of hosting resource; the list in kinds.ts holds
 * them all. The sections of the dashboard and of the customer page are built from it alone, so a
 * new kind brings its add dialog, its delete warning and its own row actions in its own folder.
 */
export interface HostingKind<Resource extends HostedResource> {
  /** As a section is titled: "Websites". */
  title: string;
  /** One and several, as sentences count them: "1 website", "2 websites". */
  noun: string;
  plural: string;
  counter: CustomerCounter;
  /** The package limit that caps how many the customer may have; null when none does (aliases). */
  limit: keyof PackageLimits | null;
  /** The customer's first page of them, which is what a section shows. */
  list(customerId: string): Promise<{ items: Resource[] }>;
  /** How sentences and button labels name one: its domain, its database name. */
  nameOf(resource: Resource): string;
  /** Its own columns; the switch, the provisioning state and the actions follow them. */
  columns: ResourceColumn<Resource>[];
  /** "Add website" and the dialog it opens. */
  add: { label: string; Dialog: AddDialog };
  setEnabled(customerId: string, resource: Resource, enabled: boolean): Promise<unknown>;
  remove(customerId: string, resource: Resource): Promise<unknown>;
  /** What deleting one really does, said in the confirmation before it. */
  removal(resource: Resource): string;
  /**
   * What the customer's status does to all of them, as the server's statusStates for the kind and
   * DESIGN.md's status table say; the Suspend and Delete dialogs of a customer list it per kind
   * it owns: "show a “suspended” page (503)".
   */
  underStatus: { suspended: string; deleted: string };
  /** What a customer's permanent deletion removes of each: "their virtual hosts and files". */
  purged: string;
  /** Buttons only this kind has, before Delete: a zone's records, a database's password. */
  RowActions?: RowActions<Resource>;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of kinds of every resource type
export type AnyHostingKind = HostingKind<any>;
