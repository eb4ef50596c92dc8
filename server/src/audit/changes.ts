export type Changes = Record<string, { from: unknown; to: unknown }>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/**
 * The fields that differ between two versions of something, as `{ "a.b": { from, to } }` with
 * nested objects flattened: what an audit event's details record for an edit. Only keys present
 * in `after` count, so a partial update lists just what it set.
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, prefix = '') {
  const changes: Changes = {};
  for (const [key, next] of Object.entries(after)) {
    const previous = before[key];
    const name = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(next) && isPlainObject(previous)) {
      Object.assign(changes, changedFields(previous, next, name));
    } else if (JSON.stringify(comparable(previous)) !== JSON.stringify(comparable(next))) {
      changes[name] = { from: comparable(previous) ?? null, to: comparable(next) ?? null };
    }
  }
  return changes;
}
