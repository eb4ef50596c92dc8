import type { ReactNode } from 'react';
import type { Customer } from '../../api/types.js';
import type { ResourceColumn } from '../account/ResourceSection.js';

/** The customer's count of each kind: siteCount, databaseCount, dnsZoneCount … */
export type CustomerCounter = {
  [Field in keyof Customer]-?: Field extends `${string}Count` ? Field : never;
}[keyof Customer];

/** What the panel shows of one kind of hosting resource; the list in kinds.ts holds them all. */
export interface HostingKind<Resource extends { id: string }> {
  /** As a section is titled: "Websites". */
  title: string;
  /** One and several, as sentences count them: "1 website", "2 websites". */
  noun: string;
  plural: string;
  counter: CustomerCounter;
  /** The customer's first page of them, which is what a dashboard shows. */
  list(customerId: string): Promise<{ items: Resource[] }>;
  columns(customerId: string): ResourceColumn<Resource>[];
  /** A button beside the section's title, such as "Add DNS zone". */
  action?(customerId: string): ReactNode;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of kinds of every resource type
export type AnyHostingKind = HostingKind<any>;
