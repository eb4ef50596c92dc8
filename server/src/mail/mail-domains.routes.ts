import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses, IdParams, listOf } from '../contract/schemas.js';
import { contextOf } from '../http/request-context.js';
import { listMailDomains } from './list-mail-domains.js';
import { MailDomain, MailDomainsQuery } from './mail-domains.schemas.js';

/** The customer's mail domains with the DNS records to publish for them. */
export const mailDomainRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/customers/:id/mail-domains',
    {
      config: { access: anyRole, scope: 'hosting:read' },
      schema: {
        operationId: 'listMailDomains',
        tags: ['mailboxes'],
        summary:
          "The customer's mail domains with the MX, SPF and DKIM records mail there needs: added to its zone when Keel serves it, else to publish where its DNS is",
        params: IdParams,
        querystring: MailDomainsQuery,
        response: { 200: listOf(MailDomain), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      return listMailDomains(contextOf(request), request.params.id, request.query, app.keel.mailHostname);
    },
  );
};
