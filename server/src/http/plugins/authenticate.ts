import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isAllowed } from '../../access/rules.js';
import { scopeGranted } from '../../access/scopes.js';
import { serverOfCredential } from '../../agent/agent-server.js';
import { record } from '../../audit/record.js';
import { actorFromApiToken, actorFromSession } from '../../auth/resolve-actor.js';
import { sameSecret } from '../../auth/secrets.js';
import {
  forbidden,
  Problem,
  passwordChangeRequired,
  twoFactorSetupRequired,
  unauthenticated,
} from '../../errors/problem.js';
import { originOf } from '../request-context.js';
import { readSessionCookie } from '../session-cookie.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? '';
}

async function denied(request: FastifyRequest, reason: string): Promise<void> {
  const { actor } = request;
  if (!actor) return;
  await record(
    request.server.keel.db,
    { actor, origin: originOf(request) },
    {
      action: 'auth.authorization_denied',
      details: { method: request.method, route: request.routeOptions.url ?? request.url, reason },
    },
  );
}

/**
 * Resolves who is calling (API token or session cookie), then enforces the route's declared
 * access rule, the API token's scopes and the CSRF header on cookie-authenticated state changes.
 */
async function authenticate(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('agentServer', null);
  app.decorateRequest('session', null);
  app.decorateRequest('passwordChangeRequired', false);
  app.decorateRequest('twoFactorSetupRequired', false);

  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config?.access;
    if (!rule) return;
    const { db, now } = app.keel;
    const bearer = bearerToken(request);
    // An agent's routes take its credential and nothing else; a user's token or session is no agent.
    if ('agent' in rule) {
      request.agentServer = bearer ? await serverOfCredential(db, bearer) : null;
      if (!request.agentServer) throw unauthenticated('The agent credential is invalid or revoked.');
      return;
    }
    const cookie = readSessionCookie(request);
    // A scraper's token reads the metrics and is no user: it acts as nobody and reaches nothing else.
    const metricsToken = app.keel.metricsToken;
    if (
      bearer &&
      metricsToken &&
      request.routeOptions.config?.metricsToken &&
      sameSecret(bearer, metricsToken)
    )
      return;
    if (bearer !== null) {
      const resolved = bearer ? await actorFromApiToken(db, bearer, now(), originOf(request)) : null;
      if (!resolved?.actor)
        throw unauthenticated(resolved?.refusal ?? 'The API token is invalid or revoked.');
      request.actor = resolved.actor;
    } else if (cookie) {
      const resolved = await actorFromSession(db, cookie, now(), originOf(request));
      if (resolved) {
        request.actor = resolved.actor;
        request.session = resolved.session;
        const changesState = !safeMethods.has(request.method);
        if (changesState && !('public' in rule)) {
          const sent = request.headers['x-csrf-token'];
          if (typeof sent !== 'string' || !sameSecret(sent, resolved.session.csrfToken)) {
            await denied(request, 'missing or wrong x-csrf-token');
            throw forbidden('The x-csrf-token header is missing or does not match the session.');
          }
          if (resolved.impersonationEnded) {
            throw new Problem(
              409,
              '/api/problems/impersonation-ended',
              'Impersonation ended',
              'Your impersonation session has ended; nothing was changed. You are acting as yourself again.',
            );
          }
        }
        request.passwordChangeRequired = resolved.passwordChangeRequired;
        const openBeforeOwnPassword = 'public' in rule || request.routeOptions.config?.beforeOwnPassword;
        if (resolved.passwordChangeRequired && !openBeforeOwnPassword) {
          await denied(request, 'password change required');
          throw passwordChangeRequired();
        }
        request.twoFactorSetupRequired = resolved.twoFactorSetupRequired;
        const openBeforeTwoFactor = 'public' in rule || request.routeOptions.config?.beforeTwoFactorSetup;
        // Held to both, the session chooses its password first (the routes open for that stay open
        // until then), then sets up its second factor.
        const heldToTwoFactor = resolved.twoFactorSetupRequired && !resolved.passwordChangeRequired;
        if (heldToTwoFactor && !openBeforeTwoFactor) {
          await denied(request, 'two-factor setup required');
          throw twoFactorSetupRequired();
        }
      }
    }
    if (!isAllowed(rule, request.actor)) {
      if (!request.actor) throw unauthenticated();
      await denied(request, 'role not allowed');
      throw forbidden();
    }
    const scope = request.routeOptions.config?.scope;
    if (request.actor && scope !== undefined && !scopeGranted(request.actor, scope)) {
      await denied(request, 'API token scope');
      throw forbidden(
        scope
          ? `This API token's scopes do not include ${scope}.`
          : 'This API token is limited to scopes; this needs a session or a token without scopes.',
      );
    }
  });
}

export const authenticatePlugin = fp(authenticate, { name: 'keel-authenticate' });
