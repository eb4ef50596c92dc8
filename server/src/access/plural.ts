/** "1 customer", "3 customers": the reasons policies give name counts. */
export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
