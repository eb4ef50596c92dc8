// Where "Back to Admin" returns: the page (with its list's search, filters, sort and page, all in
// the URL) from which the operator logged in as the customer. Kept for the browser tab only.
const key = 'keel.impersonation.returnTo';

export function rememberReturnPath(path: string): void {
  sessionStorage.setItem(key, path);
}

/**
 * The remembered page: an operator's page that sends it away from a customer's page (RequireRole)
 * goes where the return will, so the two navigations agree in either order.
 */
export function pendingReturnPath(): string | null {
  const path = sessionStorage.getItem(key);
  return path?.startsWith('/') ? path : null;
}

/** Forgets the remembered page, once the operator is back on it. */
export function forgetReturnPath(): void {
  sessionStorage.removeItem(key);
}
