/** A NumberInput's value as a number: it hands over '' while the field is empty. */
export function wholeNumber(raw: string | number): number {
  return typeof raw === 'number' ? raw : 0;
}
