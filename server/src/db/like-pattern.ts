/** A case-insensitive substring pattern for ILIKE in which %, _ and \ match only themselves. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
