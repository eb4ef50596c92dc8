import { notifications } from '@mantine/notifications';

/** A short message in the corner; its close button has an accessible name. */
export function toast(message: string, tone: 'success' | 'failure' | 'info' = 'info'): void {
  notifications.show({
    message,
    color: tone === 'success' ? 'teal' : tone === 'failure' ? 'red' : 'blue',
    closeButtonProps: { 'aria-label': 'Close' },
  });
}
