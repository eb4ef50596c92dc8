import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { unprocessable } from '../errors/problem.js';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** What Keel keeps of a certificate: the chain as nginx serves it, its issuer and expiry. */
export interface CheckedCertificate {
  certificate: string;
  privateKey: string;
  issuer: string;
  expiresAt: Date;
}

/** The issuer as a person reads it: its common name, else its organisation. */
export function issuerName(certificate: X509Certificate): string {
  const fields = certificate.issuer.split('\n');
  const field = (name: string) => fields.find((line) => line.startsWith(`${name}=`))?.slice(name.length + 1);
  return field('CN') ?? field('O') ?? certificate.issuer;
}

const refuse = (field: 'certificate' | 'privateKey', message: string) =>
  unprocessable(message, [{ field, message }], 'invalid-certificate');

/**
 * An uploaded certificate nginx can serve for `domain`: PEM that parses, a key that is its own,
 * valid now, and covering the domain (a wildcard included). Every refusal says which part is wrong.
 */
export function checkCertificate(
  input: { certificate: string; privateKey: string },
  domain: string,
  now: Date,
): CheckedCertificate {
  const blocks = input.certificate.match(PEM_CERTIFICATE) ?? [];
  let chain: X509Certificate[];
  try {
    chain = blocks.map((block) => new X509Certificate(block));
  } catch {
    throw refuse('certificate', 'The certificate is not a PEM certificate that can be read.');
  }
  const [leaf] = chain;
  if (!leaf) throw refuse('certificate', 'No PEM certificate (-----BEGIN CERTIFICATE-----) was found.');
  let key: KeyObject;
  try {
    key = createPrivateKey(input.privateKey);
  } catch {
    throw refuse('privateKey', 'The private key is not an unencrypted PEM private key that can be read.');
  }
  if (!leaf.checkPrivateKey(key))
    throw refuse('privateKey', 'The private key does not belong to the certificate.');
  const expiresAt = new Date(leaf.validTo);
  if (expiresAt.getTime() <= now.getTime()) {
    throw refuse('certificate', `The certificate expired on ${expiresAt.toISOString()}.`);
  }
  if (new Date(leaf.validFrom).getTime() > now.getTime()) {
    throw refuse(
      'certificate',
      `The certificate is not valid before ${new Date(leaf.validFrom).toISOString()}.`,
    );
  }
  if (leaf.checkHost(domain) === undefined) {
    throw refuse('certificate', `The certificate does not cover ${domain}.`);
  }
  return {
    certificate: `${blocks.join('\n')}\n`,
    privateKey: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    issuer: issuerName(leaf),
    expiresAt,
  };
}
