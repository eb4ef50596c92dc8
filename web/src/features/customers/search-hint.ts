/**
 * Up to this many letters the server matches the start of a first name, last name, company or
 * email, not any part of them (server/src/customers/customers.queries.ts: shortSearchLength).
 */
const shortSearchLength = 2;

/** What the search box says under itself about the search typed in it, if anything. */
export function searchHint(search: string): string | null {
  const letters = [...search.trim()].length;
  if (letters === 0 || letters > shortSearchLength) return null;
  return 'One or two letters match the start of a name, company or email; type three for any part.';
}
