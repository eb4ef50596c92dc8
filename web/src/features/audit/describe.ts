// The audit event's actor, target and details are shown whatever shape the API gives them.

function field(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null || !(name in value)) return undefined;
  const found = (value as Record<string, unknown>)[name];
  return typeof found === 'string' || typeof found === 'number' ? String(found) : undefined;
}

/** "Ada Admin (ada@example.com)", or whatever identifies the person. */
export function describePerson(person: unknown): string {
  if (person === null || person === undefined) return 'System';
  if (typeof person === 'string') return person;
  const name = field(person, 'name');
  const email = field(person, 'email');
  if (name && email) return `${name} (${email})`;
  return name ?? email ?? field(person, 'id') ?? 'Unknown';
}

export function personId(person: unknown): string | undefined {
  return typeof person === 'string' ? person : field(person, 'id');
}

/** "customer 3f2a…", "website example.com" … */
export function describeTarget(target: unknown): string {
  if (target === null || target === undefined) return '—';
  if (typeof target !== 'object') return String(target);
  const kind = field(target, 'type') ?? field(target, 'kind') ?? '';
  const label = field(target, 'name') ?? field(target, 'email') ?? field(target, 'id') ?? '';
  return `${kind} ${label}`.trim() || JSON.stringify(target);
}

/** Details as short "key: value" pairs. */
export function describeDetails(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details);
  return Object.entries(details as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
}
