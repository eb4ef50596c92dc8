import { EventEmitter } from 'node:events';
import { type Actor, noOrigin, type Origin, systemActor } from './access/actor.js';
import type { Database } from './db/database.js';

/** In-process signals between use cases and background workers (reconciler, purge). */
export interface ServerSignals {
  /**
   * Hosting resources changed. From this process's use cases without a position; on PostgreSQL
   * also from any panel's commit, with its position (hosting/resource-changes.ts).
   */
  resourcesChanged: [position?: number];
  purgeRequested: [customerId: string];
  /** A backup, restore or clean-up of a customer's repository was queued. */
  backupJobQueued: [];
  /** A customer's move was asked for: the mover looks now. */
  movesChanged: [];
  /** A website's certificate was ordered or its renewal asked for: the ACME worker looks now. */
  certificatesRequested: [];
}

export type Signals = EventEmitter<ServerSignals>;

export const createSignals = (): Signals => new EventEmitter<ServerSignals>();

/**
 * What every use case receives: who acts, from where, and the database. HTTP routes, the CLI,
 * the scheduler and tests all build one and call the use case the same way.
 */
export interface Context {
  db: Database;
  actor: Actor;
  origin: Origin;
  signals: Signals;
  now: () => Date;
  /** Seals what the panel keeps secret but must read back: TLS and DKIM private keys (secrets/panel-key.ts). */
  panelKey: Buffer;
  /**
   * KEEL_MAIL_HOSTNAME: the host customers' domains send their mail to (their MX). Without it,
   * new mail domains add no records to the customers' zones.
   */
  mailHostname?: string;
}

/**
 * The context of what Keel does by itself (its workers, start-up, operator commands): the system
 * acts, from no address; `userAgent` names the part of Keel in the audit log.
 */
export function systemContext(parts: {
  db: Database;
  signals: Signals;
  panelKey: Buffer;
  now?: () => Date;
  userAgent?: string;
}): Context {
  return {
    db: parts.db,
    actor: systemActor,
    origin: { ...noOrigin, userAgent: parts.userAgent ?? null },
    signals: parts.signals,
    now: parts.now ?? (() => new Date()),
    panelKey: parts.panelKey,
  };
}
