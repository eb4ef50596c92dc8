import { X509Certificate } from 'node:crypto';
import type { Client } from 'acme-client';
import { issuerName } from '../websites/certificate-check.js';
import { loadAcme } from './acme-module.js';
import type { ChallengeAnswers } from './challenge-answers.js';

export interface AcmeSettings {
  /** KEEL_ACME_DIRECTORY. */
  directoryUrl: string;
  accountKey: string;
  /** KEEL_ACME_EMAIL: the account's contact; none when null. */
  email: string | null;
}

export interface IssuedCertificate {
  certificate: string;
  privateKey: string;
  issuer: string;
  notBefore: Date;
  expiresAt: Date;
}

const clients = new WeakMap<AcmeSettings, Promise<Client>>();

/**
 * One client per settings, signed in to the CA's account once: the account that exists for the
 * key is looked up (a CA refuses an "update" that only agrees to its terms again), else made.
 */
function accountClient(settings: AcmeSettings): Promise<Client> {
  let client = clients.get(settings);
  if (!client) {
    client = signIn(settings);
    // A failed sign-in (the CA unreachable) is tried again at the next order.
    client.catch(() => clients.delete(settings));
    clients.set(settings, client);
  }
  return client;
}

async function signIn(settings: AcmeSettings): Promise<Client> {
  const acme = await loadAcme();
  const client = new acme.Client({
    directoryUrl: settings.directoryUrl,
    accountKey: settings.accountKey,
    // The CA validates within seconds: ask again soon, for at most about a minute.
    backoffAttempts: 8,
    backoffMin: 500,
    backoffMax: 10_000,
  });
  try {
    await client.createAccount({ onlyReturnExisting: true });
  } catch {
    await client.createAccount({
      termsOfServiceAgreed: true,
      contact: settings.email ? [`mailto:${settings.email}`] : undefined,
    });
  }
  return client;
}

/**
 * Orders a certificate for one domain by HTTP-01 through the Keel nginx of the site's server: the
 * answer is put where that nginx serves every site's /.well-known/acme-challenge/ (`answers`).
 * A failure throws the CA's message.
 */
export async function orderCertificate(
  settings: AcmeSettings,
  domain: string,
  answers: ChallengeAnswers,
): Promise<IssuedCertificate> {
  const client = await accountClient(settings);
  const acme = await loadAcme();
  const [privateKey, csr] = await acme.crypto.createCsr(
    { commonName: domain, altNames: [domain] },
    await acme.crypto.createPrivateEcdsaKey('P-256'),
  );
  const chain = await client.auto({
    csr,
    challengePriority: ['http-01'],
    // acme-client's own pre-check asks the system's DNS and fetches port 80 itself; the CA's
    // validation is the one that counts, and its message is the one shown.
    skipChallengeVerification: true,
    challengeCreateFn: (_authz, challenge, keyAuthorization) =>
      answers.put(challenge.token, keyAuthorization),
    challengeRemoveFn: (_authz, challenge) => answers.remove(challenge.token),
  });
  const leaf = new X509Certificate(chain);
  return {
    certificate: chain.endsWith('\n') ? chain : `${chain}\n`,
    privateKey: privateKey.toString(),
    issuer: issuerName(leaf),
    notBefore: new Date(leaf.validFrom),
    expiresAt: new Date(leaf.validTo),
  };
}
