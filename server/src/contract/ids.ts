const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Keel's ids are lower-case UUIDs; anything else names no object (and never reaches a file path). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
