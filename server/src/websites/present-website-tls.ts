import { isoOrNull } from '../contract/schemas.js';
import type { WebsiteTls } from './website-tls.schemas.js';
import type { websites } from './websites.table.js';

export const presentWebsiteTls = (row: typeof websites.$inferSelect): WebsiteTls => ({
  state: row.tlsState,
  source: row.tlsSource,
  issuer: row.tlsIssuer,
  expiresAt: isoOrNull(row.tlsExpiresAt),
  error: row.tlsError,
  redirectHttp: row.tlsRedirectHttp,
});
