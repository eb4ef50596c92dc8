/**
 * Did this error come from the named unique index? Drizzle wraps driver errors, so the
 * PostgreSQL error may sit in `cause`. Use cases let the index decide races (two creates with
 * one email) and turn its verdict into a 409 that names the field.
 */
export function isUniqueViolation(error: unknown, indexName: string): boolean {
  for (let current = error; current && typeof current === 'object'; ) {
    const { code, constraint, cause } = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (code === '23505' && constraint === indexName) return true;
    current = cause;
  }
  return false;
}
