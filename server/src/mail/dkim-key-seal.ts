import { openSecret, sealSecret } from '../secrets/panel-key.js';

/** What a DKIM key is bound to: its domain while this customer owns it, so a former owner's row never opens. */
export const dkimKeyOwner = (row: { customerId: string; domain: string }) =>
  `${row.customerId}/${row.domain}`;

/** A mail domain's DKIM private key as the database keeps it: sealed with the panel's key. */
export const sealDkimKey = (panelKey: Buffer, owner: string, privateKey: string) =>
  sealSecret(panelKey, owner, privateKey);

export const openDkimKey = (panelKey: Buffer, owner: string, stored: string) =>
  openSecret(panelKey, owner, stored, 'DKIM private key');
