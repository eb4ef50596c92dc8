import { Notifications } from '@mantine/notifications';

/** Where toasts appear; loaded by Toasts with the first one. */
export function ToastHost() {
  return <Notifications position="top-right" />;
}
