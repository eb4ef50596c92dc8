/**
 * Runs `work` on every item, `size` at a time, and answers each outcome in the items' order.
 * A batch of thousands of resources must neither wait on each file or request in turn nor
 * open thousands at once.
 */
export async function settleInGroups<Item, Result>(
  items: readonly Item[],
  size: number,
  work: (item: Item) => Promise<Result>,
): Promise<PromiseSettledResult<Result>[]> {
  const outcomes: PromiseSettledResult<Result>[] = [];
  for (let from = 0; from < items.length; from += size) {
    outcomes.push(...(await Promise.allSettled(items.slice(from, from + size).map(work))));
  }
  return outcomes;
}
