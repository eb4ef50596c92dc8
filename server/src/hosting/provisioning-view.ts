import { Type } from 'typebox';
import type { OwnerState, ResourceSwitches, StatusStates } from './effective-state.js';
import { effectiveState } from './effective-state.js';

export const Provisioning = Type.Object(
  {
    state: Type.Union([Type.Literal('pending'), Type.Literal('ready'), Type.Literal('error')]),
    error: Type.Union([Type.String(), Type.Null()]),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { description: 'What the real service has applied: ready once it matches the panel.' },
);

export type ProvisioningView = ReturnType<typeof provisioningOf>;

export interface ReconciledRow extends ResourceSwitches {
  desiredGeneration: number;
  appliedGeneration: number;
  appliedState: string | null;
  provisioningState: 'pending' | 'ready' | 'error';
  provisioningError: string | null;
  provisioningUpdatedAt: Date;
}

/**
 * Ready only when the service holds this generation in the state the panel wants now, so a
 * customer just suspended shows pending until its sites are really down.
 */
export function provisioningOf(row: ReconciledRow, owner: OwnerState, statusStates: StatusStates) {
  const converged =
    row.appliedGeneration === row.desiredGeneration &&
    row.appliedState === effectiveState(row, owner, statusStates);
  const state =
    converged && row.provisioningState === 'ready'
      ? 'ready'
      : row.provisioningState === 'error'
        ? 'error'
        : 'pending';
  return {
    state,
    error: state === 'ready' ? null : row.provisioningError,
    updatedAt: row.provisioningUpdatedAt.toISOString(),
  } as const;
}
