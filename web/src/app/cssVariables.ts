import type { CSSVariablesResolver } from '@mantine/core';

// Subtle and light variants (row-action icons, badges) take their colour from "light-color",
// which Mantine sets to shade 0 in the dark scheme: near-white for every colour, so a red
// Delete looked like a blue Edit. Shade 4 keeps each colour itself and above 4.5:1 on dark.
const tintedColors = ['blue', 'red', 'orange', 'teal', 'green', 'yellow'];
const darkLightColors = Object.fromEntries(
  tintedColors.map((color) => [`--mantine-color-${color}-light-color`, `var(--mantine-color-${color}-4)`]),
);

// Mantine's default "dimmed" gray and error red are below 4.5:1 on white, and its error red is
// 3:1 on the dark scheme's cards (a resource's provisioning error); these keep them readable.
// --keel-danger-text is the red of a destructive menu item's label (Delete), readable in both.
export const readableTextColors: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    '--keel-danger-text': 'var(--mantine-color-red-9)',
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
    '--keel-danger-text': 'var(--mantine-color-red-4)',
    ...darkLightColors,
  },
});
