import { Navigate, Outlet } from 'react-router';
import type { Role } from '../api/types.js';
import { useSignedInSession } from '../features/auth/session.js';
import { pendingReturnPath } from '../features/impersonation/return-path.js';
import { homeFor } from './navigation.js';

/**
 * Renders the nested routes only for the given roles; others go to their home page, or an
 * operator just back from a customer's page to the page it left (Back to Admin): this redirect
 * and the return's own navigation then agree, whichever runs last on a loaded machine.
 */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const { user } = useSignedInSession();
  if (roles.includes(user.role)) return <Outlet />;
  const away = user.role === 'customer' ? null : pendingReturnPath();
  return <Navigate to={away ?? homeFor(user.role)} replace />;
}
