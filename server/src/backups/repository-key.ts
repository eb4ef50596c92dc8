import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from '../secrets/panel-key.js';

/** A repository's password, sealed with the panel's key and bound to its customer. */
export const sealPassword = (key: Buffer, customerId: string, password: string) =>
  sealSecret(key, customerId, password);

export const openPassword = (key: Buffer, customerId: string, stored: string) =>
  openSecret(key, customerId, stored, 'repository password');

/** A new repository password: 256 random bits. */
export const newRepositoryPassword = () => randomBytes(32).toString('base64url');
