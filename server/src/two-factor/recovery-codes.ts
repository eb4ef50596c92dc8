import { randomInt } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import { hashPassword, verifyPassword } from '../auth/password-hash.js';
import type { Queryable } from '../db/database.js';
import { recoveryCodes } from './recovery-codes.table.js';

// Lower case without look-alikes (no l, o, 0, 1): 32 characters, 5 bits each, 50 bits a code.
const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
const codeLength = 10;
export const recoveryCodeCount = 10;

/** Codes are typed by hand: case, spaces and the dash in the middle do not matter. */
const canonical = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

function drawCode(): string {
  let drawn = '';
  for (let i = 0; i < codeLength; i++) drawn += alphabet[randomInt(alphabet.length)];
  return `${drawn.slice(0, 5)}-${drawn.slice(5)}`;
}

/** Ten new recovery codes, to show this once, and their password hashes, to store. */
export async function newRecoveryCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = Array.from({ length: recoveryCodeCount }, drawCode);
  return { codes, hashes: await Promise.all(codes.map((code) => hashPassword(canonical(code)))) };
}

/** Replaces a user's recovery codes; the ones before stop working. */
export async function replaceRecoveryCodes(tx: Queryable, userId: string, hashes: string[], now: Date) {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
}

/** Uses up the user's unused recovery code that matches; false when none does (or it was just used). */
export async function spendRecoveryCode(
  db: Queryable,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const unused = await db
    .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  const matches = await Promise.all(unused.map((row) => verifyPassword(row.codeHash, canonical(code))));
  const matching = unused.find((_, index) => matches[index]);
  if (!matching) return false;
  // Only the first of two requests racing with the same code finds it unused.
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.id, matching.id), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}

export async function unusedRecoveryCodeCount(db: Queryable, userId: string): Promise<number> {
  const [row] = await db
    .select({ unused: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.unused ?? 0;
}

export async function removeRecoveryCodes(tx: Queryable, userId: string): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}
