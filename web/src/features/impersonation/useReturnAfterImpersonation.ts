import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { takeReturnPath } from './return-path.js';

/**
 * When a support session ends, opens the page the operator left (the customer list with its
 * search, filters, sort and page). It runs in the frame, after the routes have seen the new
 * session: the customer's pages send a non-customer to its home first, and this then replaces it.
 * Navigating when the stop request answers came too early, before the session reached the routes.
 */
export function useReturnAfterImpersonation(impersonating: boolean): void {
  const navigate = useNavigate();
  const was = useRef(impersonating);
  useEffect(() => {
    if (was.current && !impersonating) navigate(takeReturnPath(), { replace: true });
    was.current = impersonating;
  }, [impersonating, navigate]);
}
