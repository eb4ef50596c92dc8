import { Alert, createTheme } from '@mantine/core';

// Shade 8 of blue keeps white button text above 4.5:1 contrast in both color schemes.
// Alerts keep their tinted background but use the body text color, which stays readable on it.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  defaultRadius: 'md',
  components: {
    Alert: Alert.extend({
      styles: {
        title: { color: 'var(--mantine-color-text)' },
        message: { color: 'var(--mantine-color-text)' },
      },
    }),
  },
});
