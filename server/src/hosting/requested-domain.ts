import { unprocessable } from '../errors/problem.js';
import { normalizeDomain } from './names.js';

/** The domain a client asked a website or a zone for, normalized; a 422 with every reason if not. */
export function requestedDomain(input: string): string {
  const domain = normalizeDomain(input);
  if (domain.ok) return domain.value;
  throw unprocessable(
    domain.reasons.join(' '),
    domain.reasons.map((message) => ({ field: 'domain', message })),
    'invalid-domain',
  );
}
