import type { CSSVariablesResolver } from '@mantine/core';

// Mantine's default "dimmed" gray is below 4.5:1 on white; these keep secondary text readable.
export const readableDimmedText: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});
