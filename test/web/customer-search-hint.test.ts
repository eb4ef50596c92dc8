import { describe, expect, it } from 'vitest';
import { searchHint } from '../../web/src/features/customers/search-hint.js';

describe('the hint under the customer search box', () => {
  it('explains the start-of-word rule while one or two letters are typed', () => {
    for (const search of ['m', 'ma', ' ma ', 'Öl'])
      expect(searchHint(search)).toBe(
        'One or two letters match the start of a name, company or email; type three for any part.',
      );
  });

  it('says nothing for an empty search or one of three letters or more', () => {
    for (const search of ['', '   ', 'mar', 'müller']) expect(searchHint(search)).toBeNull();
  });
});
