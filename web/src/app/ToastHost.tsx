import { Notifications } from '@mantine/notifications';

/**
 * Where toasts appear; loaded by Toasts with the first one. Bottom right, clear of the header's
 * "Sign out" and the impersonation banner's "Back to Admin"; at most three at once, the rest wait.
 */
export function ToastHost() {
  return <Notifications position="bottom-right" limit={3} />;
}
