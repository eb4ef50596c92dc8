import { readFile } from 'node:fs/promises';

/**
 * Who owns a customer's home and everything in it: the customer's own uid, and the group
 * nginx's workers run as, so they can read (mode 0750/0640) while no other customer can.
 */
export interface HomeOwner {
  uid: number;
  gid: number;
}

/** nginx's workers run as nobody with Debian's `nogroup` (65534) when its master runs as root. */
const WEB_GROUPS = ['nogroup', 'nobody'];
const FALLBACK_WEB_GID = 65534;

let webGid: Promise<number> | undefined;

/** The group id nginx's workers read the homes with. */
export function webGroupId(): Promise<number> {
  webGid ??= readFile('/etc/group', 'utf8').then(
    (content) => {
      const groups = new Map(
        content.split('\n').map((line) => {
          const [name, , gid] = line.split(':');
          return [name, Number(gid)] as const;
        }),
      );
      const found = WEB_GROUPS.map((name) => groups.get(name)).find((gid) => Number.isInteger(gid));
      return found ?? FALLBACK_WEB_GID;
    },
    () => FALLBACK_WEB_GID,
  );
  return webGid;
}

/** Ownership can be given away only by root; otherwise everything stays Keel's own (and nginx's). */
export const canChown = () => process.getuid?.() === 0;

/** The customer's owner of its home: its uid, nginx's workers' group. */
export async function homeOwner(uid: number): Promise<HomeOwner> {
  return { uid, gid: await webGroupId() };
}
