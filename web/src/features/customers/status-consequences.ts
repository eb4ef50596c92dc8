import { formatDate } from '../../components/format.js';
import type { AnyHostingKind } from '../hosting/hosting-kind.js';

/** What a status change does, as its dialogs say it: the account's line, then each owned kind's. */
export type Consequence = {
  /** The list's accessible name. */
  label: string;
  account: string;
  effect: (kind: AnyHostingKind) => string;
};

// One source for the single customer's dialogs and the bulk action's, so both promise the same.
export const suspension: Consequence = {
  label: 'What suspension does',
  account: 'The customer can no longer log in to the panel; its open sessions and API tokens end at once.',
  effect: (kind) => kind.underStatus.suspended,
};

export const activation: Consequence = {
  label: 'What activation does',
  account: 'The customer can log in again; API tokens ended by the suspension stay ended.',
  effect: () => 'back as before the suspension (one switched off stays off)',
};

export const deletion: Consequence = {
  label: 'What deletion does',
  account: 'The customer can no longer log in; its open sessions and API tokens end at once.',
  effect: (kind) => kind.underStatus.deleted,
};

export const restoring: Consequence = {
  label: 'What restoring does',
  account: 'The customer can log in again, unless it was suspended.',
  effect: () => 'back as before the deletion',
};

export const suspensionUndone = 'Nothing is deleted: Activate brings everything back as it was.';

export const restoredStatus =
  'returns to the status it had before the deletion: active, or still suspended if it was suspended, and is no longer due for permanent deletion.';

const dayMs = 24 * 60 * 60 * 1000;

/** When a deleted customer goes for good, from the platform's retention period (admins read it). */
export function retentionText(days: number | undefined): string {
  if (days === 0)
    return 'The customer and all of its data are permanently deleted at once. This cannot be undone.';
  const when =
    days === undefined
      ? "after the platform's retention period"
      : `on ${formatDate(new Date(Date.now() + days * dayMs).toISOString())} (in ${days} days)`;
  return `The customer can no longer log in and its services stop, but nothing is lost yet: it can be restored until it is permanently deleted ${when}.`;
}
