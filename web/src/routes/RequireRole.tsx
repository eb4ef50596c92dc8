import { Navigate, Outlet } from 'react-router';
import type { Role } from '../api/types.js';
import { useSignedInSession } from '../features/auth/session.js';
import { homeFor } from './navigation.js';

/** Renders the nested routes only for the given roles; others go to their home page. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const { user } = useSignedInSession();
  return roles.includes(user.role) ? <Outlet /> : <Navigate to={homeFor(user.role)} replace />;
}
