import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from '../routes/AppRoutes.js';
import { readableTextColors } from './cssVariables.js';
import { queryClient } from './queryClient.js';
import { Toasts } from './Toasts.js';
import { theme } from './theme.js';

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={readableTextColors}>
      <Toasts />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
