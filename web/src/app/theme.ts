import { createTheme } from '@mantine/core';

// Shade 8 of blue keeps white button text above 4.5:1 contrast in both color schemes.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  defaultRadius: 'md',
});
