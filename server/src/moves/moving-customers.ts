import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { customerMoves } from './moves.table.js';

/**
 * Which of these customers are being moved now. Read in its own statement after the customers'
 * rows are locked (a move starts under that lock), so a move committed while the caller waited
 * for the lock is seen: the lifecycle rules refuse a moving customer (customer-policy.ts).
 */
export async function movingCustomers(db: Queryable, customerIds: readonly string[]): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const rows = await db
    .select({ customerId: customerMoves.customerId })
    .from(customerMoves)
    .where(and(inArray(customerMoves.customerId, [...customerIds]), eq(customerMoves.state, 'running')));
  return new Set(rows.map((row) => row.customerId));
}
