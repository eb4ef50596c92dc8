import { useNotifications } from '@mantine/notifications';
import { lazy, Suspense, useState } from 'react';

// toast() only writes to a small store; the component that shows toasts (with its transitions)
// is loaded when the first one arrives, since most page loads show none. It then shows what the
// store holds, so no toast is lost while it loads.
const ToastHost = lazy(() => import('./ToastHost.js').then((m) => ({ default: m.ToastHost })));

export function Toasts() {
  const { notifications, queue } = useNotifications();
  const [needed, setNeeded] = useState(false);
  if (!needed && notifications.length + queue.length > 0) setNeeded(true);
  if (!needed) return null;
  return (
    <Suspense fallback={null}>
      <ToastHost />
    </Suspense>
  );
}
