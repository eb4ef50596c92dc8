import type { CSSVariablesResolver } from '@mantine/core';

// Mantine's default "dimmed" gray and error red are below 4.5:1 on white; these keep them readable.
export const readableTextColors: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});
