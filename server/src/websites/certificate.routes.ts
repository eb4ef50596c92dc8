import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses } from '../contract/schemas.js';
import { presentResource } from '../hosting/present-resource.js';
import { contextOf } from '../http/request-context.js';
import { renewCertificate } from './renew-certificate.js';
import { uploadCertificate } from './upload-certificate.js';
import { websiteKind } from './website-kind.js';
import { UploadCertificateBody } from './website-tls.schemas.js';

const Params = Type.Object(
  { id: Type.String({ format: 'uuid' }), websiteId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

/** A website's certificate: the customer's own uploaded, or the ACME one renewed now. */
export const certificateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const one = '/customers/:id/websites/:websiteId/certificate';
  const idsOf = (params: { id: string; websiteId: string }) => ({
    customerId: params.id,
    resourceId: params.websiteId,
  });

  app.post(
    one,
    {
      config: { access: anyRole, scope: 'hosting:write' },
      schema: {
        operationId: 'uploadWebsiteCertificate',
        tags: ['websites'],
        summary:
          "Serve the customer's own certificate over HTTPS; 422 when it does not parse, its key is not its own, it is not valid now or does not cover the domain",
        params: Params,
        body: UploadCertificateBody,
        response: { 200: websiteKind.schema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const changed = await uploadCertificate(contextOf(request), idsOf(request.params), request.body);
      return presentResource(websiteKind, changed.resource, changed.customer, app.keel);
    },
  );

  app.post(
    `${one}/renew`,
    {
      config: { access: anyRole, scope: 'hosting:write' },
      schema: {
        operationId: 'renewWebsiteCertificate',
        tags: ['websites'],
        summary: 'Order the ACME certificate again now; 409 unless the site has one from the ACME CA',
        params: Params,
        response: { 202: websiteKind.schema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const changed = await renewCertificate(contextOf(request), idsOf(request.params));
      return reply.code(202).send(presentResource(websiteKind, changed.resource, changed.customer, app.keel));
    },
  );
};
