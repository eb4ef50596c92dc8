import type { Static } from 'typebox';
import type { CustomerMove } from './moves.schemas.js';
import type { moveStates, moveSteps } from './moves.table.js';

/** The latest move as the customer view's subquery reads it (JSON: timestamps as text). */
export interface MoveRow {
  state: (typeof moveStates)[number];
  step: (typeof moveSteps)[number];
  error: string | null;
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  startedAt: string;
  finishedAt: string | null;
}

const utc = (text: string) => new Date(text).toISOString();

export const presentMove = (row: MoveRow | null): Static<typeof CustomerMove> =>
  row && {
    state: row.state,
    step: row.step,
    fromServer: { id: row.fromId, name: row.fromName },
    toServer: { id: row.toId, name: row.toName },
    error: row.error,
    startedAt: utc(row.startedAt),
    finishedAt: row.finishedAt ? utc(row.finishedAt) : null,
  };
