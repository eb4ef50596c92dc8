import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { perDatabase } from '../db/prepared-statements.js';
import { apiTokens, sessions } from '../db/schema/sessions.js';
import { settings } from '../db/schema/settings.js';
import { securityGroup, securitySettingsOf } from '../settings/settings.queries.js';
import { accountColumns, accountJoins, accountOf, accountTables } from './acting-user.js';
import { digestSecret } from './secrets.js';

// Every authenticated request starts here, so each lookup is one round trip, and on a PostgreSQL
// server a named prepared statement: parsed and planned once per connection, not per request.

const real = accountTables('real');
const acting = accountTables('acting');

function prepareSessionLookup(db: Database) {
  const realJoins = accountJoins(real);
  const actingJoins = accountJoins(acting);
  return db
    .select({
      session: sessions,
      real: accountColumns(real),
      acting: accountColumns(acting),
      security: settings.value,
    })
    .from(sessions)
    .leftJoin(real.user, eq(real.user.id, sessions.userId))
    .leftJoin(real.customer, realJoins.customer)
    .leftJoin(real.reseller, realJoins.reseller)
    .leftJoin(acting.user, eq(acting.user.id, sessions.actingUserId))
    .leftJoin(acting.customer, actingJoins.customer)
    .leftJoin(acting.reseller, actingJoins.reseller)
    .leftJoin(settings, eq(settings.key, securityGroup))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('keel_session_by_token');
}

function prepareApiTokenLookup(db: Database) {
  const joins = accountJoins(real);
  return db
    .select({ token: apiTokens, owner: accountColumns(real) })
    .from(apiTokens)
    .leftJoin(real.user, eq(real.user.id, apiTokens.userId))
    .leftJoin(real.customer, joins.customer)
    .leftJoin(real.reseller, joins.reseller)
    .where(eq(apiTokens.tokenHash, sql.placeholder('tokenHash')))
    .prepare('keel_api_token_by_token');
}

const sessionLookup = perDatabase(prepareSessionLookup);
const apiTokenLookup = perDatabase(prepareApiTokenLookup);

/**
 * The session of a cookie token with what validating it needs: its real user, the user it
 * impersonates (if any), each with its account's state, and the current security settings.
 */
export async function findSessionByToken(db: Database, token: string) {
  const [row] = await sessionLookup(db).execute({ tokenHash: digestSecret(token) });
  if (!row) return null;
  return {
    session: row.session,
    real: accountOf(row.real),
    acting: accountOf(row.acting),
    security: securitySettingsOf(row.security),
  };
}

/** The API token of a Bearer secret with its owner and the owner's account state. */
export async function findApiTokenByToken(db: Database, token: string) {
  const [row] = await apiTokenLookup(db).execute({ tokenHash: digestSecret(token) });
  if (!row) return null;
  return { token: row.token, owner: accountOf(row.owner) };
}
