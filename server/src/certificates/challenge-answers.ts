import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { readIfExists, writeFileAtomic } from '../provisioning/drivers/files/atomic-file.js';

/** Where an order puts the CA's HTTP-01 answers, and takes them back once the order is done. */
export interface ChallengeAnswers {
  /** Resolves once the site's nginx answers the token: the CA is asked to check only then. */
  put(token: string, keyAuthorization: string): Promise<void>;
  remove(token: string): Promise<void>;
}

// A token is base64url (RFC 8555 8.1): anything else must not become a file name.
const TOKEN = /^[A-Za-z0-9_-]{16,256}$/;

export function assertChallengeToken(token: string): string {
  if (!TOKEN.test(token)) throw new Error(`the CA sent a challenge token that is not base64url: ${token}`);
  return token;
}

/**
 * The answers as files in the directory Keel's nginx serves on every site's
 * /.well-known/acme-challenge/ (render-tls.ts): the panel's own machine writes them there for its
 * sites, an agent for its server's.
 */
export function challengeFiles(dir: string): ChallengeAnswers & {
  tokens(): Promise<string[]>;
  answer(token: string): Promise<string | undefined>;
} {
  const file = (token: string) => path.join(dir, assertChallengeToken(token));
  return {
    // Renamed into place: nginx never serves half an answer. Lost in a crash, it is written again.
    put: (token, keyAuthorization) => writeFileAtomic(file(token), keyAuthorization, { flush: false }),
    remove: (token) => rm(file(token), { force: true }),
    answer: (token) => readIfExists(file(token)),
    /** The answers there now (a temporary file of a write under way is not one). */
    async tokens() {
      const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      return names.filter((name) => TOKEN.test(name));
    },
  };
}
