import type { Outcome } from '../provisioning/claims.js';
import type { DriftReport, HeldResource } from '../provisioning/drivers/types.js';
import type { ExpectedItems, HostedKind } from '../provisioning/reconciled-kind.js';
import type { AppliedResources, ClaimedWork, ReconcilerStore } from '../provisioning/reconciler-store.js';
import type { PanelClient } from './panel-client.js';

/**
 * The reconciler's store over the panel's HTTP API: what an agent's reconciler uses. The panel
 * answers each call with its DatabaseStore limited to this agent's server.
 */
export class PanelStore implements ReconcilerStore {
  constructor(private readonly panel: PanelClient) {}

  claim(kind: HostedKind, owner: string, limit: number): Promise<ClaimedWork> {
    return this.panel.call('POST', `/kinds/${kind.noun}/claims`, { owner, limit });
  }

  async recordOutcomes(kind: HostedKind, owner: string, outcomes: Outcome[]): Promise<Date | null> {
    const { retryAt } = await this.panel.call<{ retryAt: string | null }>(
      'POST',
      `/kinds/${kind.noun}/outcomes`,
      { owner, outcomes },
    );
    return retryAt ? new Date(retryAt) : null;
  }

  async recordHeld(kind: HostedKind, held: readonly HeldResource[]): Promise<void> {
    await this.panel.call('POST', `/kinds/${kind.noun}/held`, { held });
  }

  async retryFailedNow(kind: HostedKind): Promise<number> {
    return (await this.panel.call<{ released: number }>('POST', `/kinds/${kind.noun}/retry`, {})).released;
  }

  async releaseClaims(): Promise<void> {
    await this.panel.call('POST', '/release', {});
  }

  applied(kind: HostedKind): Promise<AppliedResources> {
    return this.panel.call('GET', `/kinds/${kind.noun}/applied`);
  }

  async expected(kind: HostedKind): Promise<Record<string, ExpectedItems>> {
    const lists = await this.panel.call<Record<string, { known: string[]; applied: string[] }>>(
      'GET',
      `/kinds/${kind.noun}/expected`,
    );
    return Object.fromEntries(
      Object.entries(lists).map(([item, { known, applied }]) => [
        item,
        { known: new Set(known), applied: new Set(applied) },
      ]),
    );
  }

  async reportDrift(kind: HostedKind, report: DriftReport): Promise<void> {
    await this.panel.call('POST', `/kinds/${kind.noun}/drift`, report);
  }

  async recordMeasured(kind: HostedKind, measured: unknown): Promise<void> {
    await this.panel.call('POST', `/kinds/${kind.noun}/measured`, { measured });
  }

  /** The panel judges by its own kinds: the agent's are the same list. */
  async homesToRemove(): Promise<string[]> {
    return (await this.panel.call<{ customerIds: string[] }>('GET', '/homes/due')).customerIds;
  }

  async homesRemoved(customerIds: string[]): Promise<void> {
    await this.panel.call('POST', '/homes/removed', { customerIds });
  }
}
