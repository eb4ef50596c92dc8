import { ApiProblem } from '../../api/problem.js';

type RowErrors = Partial<Record<'name' | 'type' | 'ttl' | 'value', string>>;

/** The API's reasons per record row (`records[2].value` → row 2, value); the others stay in the alert. */
export function recordErrors(failure: unknown): Map<number, RowErrors> {
  const rows = new Map<number, RowErrors>();
  if (!(failure instanceof ApiProblem)) return rows;
  for (const { field, message } of failure.errors) {
    const match = /^records\[(\d+)\]\.(name|type|ttl|value)$/.exec(field);
    if (!match) continue;
    const row = rows.get(Number(match[1])) ?? {};
    const key = match[2] as keyof RowErrors;
    row[key] = row[key] ? `${row[key]}; ${message}` : message;
    rows.set(Number(match[1]), row);
  }
  return rows;
}
