import { loadavg } from 'node:os';

/** One round of a bulk benchmark: everyone suspended in one call, then reactivated in another. */
export interface BulkRoundOf<Direction> {
  /** The machine's 1-minute load average as the round began: a busy machine reads slower. */
  loadAverage: number;
  suspend: Direction;
  reactivate: Direction;
}

/** Runs `count` rounds of `measure`, printing each as it ends. */
export async function suspendAndReactivate<Direction>(
  count: number,
  measure: (action: 'suspend' | 'reactivate') => Promise<Direction>,
): Promise<BulkRoundOf<Direction>[]> {
  const rounds: BulkRoundOf<Direction>[] = [];
  for (let n = 1; n <= count; n++) {
    const round = {
      loadAverage: loadavg()[0] ?? 0,
      suspend: await measure('suspend'),
      reactivate: await measure('reactivate'),
    };
    console.log(`round ${n}: ${JSON.stringify(round)}`);
    rounds.push(round);
  }
  return rounds;
}
