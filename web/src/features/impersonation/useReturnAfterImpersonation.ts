import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { forgetReturnPath, pendingReturnPath } from './return-path.js';

/**
 * When a support session ends, opens the page the operator left (the customer list with its
 * search, filters, sort and page). It runs in the frame, after the routes have seen the new
 * session: the customer's pages send a non-customer to that same page (RequireRole).
 * Navigating when the stop request answers came too early, before the session reached the routes.
 *
 * The page is forgotten only once the router shows it. React Router renders a new location as a
 * transition, and until it is done the customer's page may render again: forgotten earlier, its
 * redirect then went to the operator's home and dropped the list's filters (customer-view e2e,
 * on a loaded CI machine).
 */
export function useReturnAfterImpersonation(impersonating: boolean): void {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const was = useRef(impersonating);
  const returningTo = useRef<string | null>(null);
  useEffect(() => {
    if (was.current && !impersonating) {
      returningTo.current = pendingReturnPath() ?? '/customers';
      navigate(returningTo.current, { replace: true });
    }
    was.current = impersonating;
  }, [impersonating, navigate]);
  useEffect(() => {
    if (returningTo.current !== pathname + search) return;
    returningTo.current = null;
    forgetReturnPath();
  }, [pathname, search]);
}
