import { openSecret, sealSecret } from '../secrets/panel-key.js';

/** A website's TLS private key as the database keeps it: sealed with the panel's key, bound to the site. */
export const sealTlsKey = (panelKey: Buffer, websiteId: string, privateKey: string) =>
  sealSecret(panelKey, websiteId, privateKey);

export const openTlsKey = (panelKey: Buffer, websiteId: string, stored: string) =>
  openSecret(panelKey, websiteId, stored, 'TLS private key');
