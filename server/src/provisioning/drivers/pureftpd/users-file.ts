import { isKeelFtpUser } from '../../../hosting/names.js';

/** One line of pure-ftpd's users file: a login, its argon2id hash, the customer's ids, its directory. */
export interface FtpLogin {
  user: string;
  passwordHash: string;
  uid: number;
  gid: number;
  /** Absolute; written with a trailing `/./`, which locks the login into it. */
  directory: string;
}

const ARGON2ID = /^\$argon2id\$[A-Za-z0-9$=,+/.]+$/;
// pure-ftpd's text format has 18 ':'-separated fields; Keel sets the first four and the home.
const UNUSED_FIELDS = ':'.repeat(12);

/** Throws on anything that could break the file's format or log in as someone else. */
function checkLogin(login: FtpLogin): void {
  if (!isKeelFtpUser(login.user)) throw new Error(`refusing FTP user ${JSON.stringify(login.user)}`);
  if (!ARGON2ID.test(login.passwordHash))
    throw new Error(`the password hash of ${login.user} is not argon2id`);
  if (!Number.isInteger(login.uid) || login.uid < 1 || !Number.isInteger(login.gid) || login.gid < 1) {
    throw new Error(`refusing uid ${login.uid} / gid ${login.gid} for ${login.user}`);
  }
  if (!login.directory.startsWith('/') || /[:\n\r]/.test(login.directory) || login.directory.includes('\0')) {
    throw new Error(`refusing directory ${JSON.stringify(login.directory)} for ${login.user}`);
  }
}

export function renderLogin(login: FtpLogin): string {
  checkLogin(login);
  const home = `${login.directory.replace(/\/+$/, '')}/./`;
  return `${login.user}:${login.passwordHash}:${login.uid}:${login.gid}::${home}${UNUSED_FIELDS}`;
}

export function renderUsersFile(logins: Iterable<FtpLogin>): string {
  return [...logins]
    .sort((a, b) => a.user.localeCompare(b.user))
    .map((login) => `${renderLogin(login)}\n`)
    .join('');
}

/** The logins of a users file as Keel wrote it; a line it cannot read is kept out (and so refused). */
export function parseUsersFile(content: string): Map<string, FtpLogin> {
  const logins = new Map<string, FtpLogin>();
  for (const line of content.split('\n')) {
    const [user, passwordHash, uid, gid, , home] = line.split(':');
    if (!user || !passwordHash || !home?.endsWith('/./')) continue;
    logins.set(user, {
      user,
      passwordHash,
      uid: Number(uid),
      gid: Number(gid),
      directory: home.slice(0, -'/./'.length),
    });
  }
  return logins;
}
