/** `text` for a LIKE pattern: %, _ and \ match only themselves. */
const literal = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** A case-insensitive substring pattern for ILIKE in which %, _ and \ match only themselves. */
export const likePattern = (text: string) => `%${literal(text)}%`;

/** A LIKE pattern for text that starts with `text`, which a text_pattern_ops index serves as a range. */
export const prefixPattern = (text: string) => `${literal(text)}%`;
