import type { Claim } from './claims.js';

export const idsOf = (claims: Claim[]) => claims.map((claim) => claim.id);

/** Each claimed row with the state the claim wants; a row deleted meanwhile has nothing to apply. */
export function withClaimedState<Row extends { id: string }>(claims: Claim[], rows: Row[]) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return claims.flatMap((claim) => {
    const row = byId.get(claim.id);
    return row ? [{ ...row, state: claim.state }] : [];
  });
}
