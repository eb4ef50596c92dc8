import { unprocessable } from '../errors/problem.js';
import { normalizeMailAddress } from './mail-address.js';

/** Each destination normalized, duplicates dropped; a 422 naming every one that is not an address. */
export function checkedDestinations(address: string, inputs: readonly string[]): string[] {
  const errors: Array<{ field: string; message: string }> = [];
  const destinations: string[] = [];
  inputs.forEach((input, index) => {
    const checked = normalizeMailAddress(input);
    if (!checked.ok) errors.push({ field: `destinations[${index}]`, message: checked.reason });
    else if (checked.value === address)
      errors.push({ field: `destinations[${index}]`, message: 'An alias cannot forward to itself.' });
    else if (!destinations.includes(checked.value)) destinations.push(checked.value);
  });
  if (errors.length > 0)
    throw unprocessable(
      errors.length === 1 ? (errors[0]?.message ?? '') : `${errors.length} destinations are not valid.`,
      errors,
      'invalid-address',
    );
  return destinations;
}
