// Paths go into service configuration inside double quotes (nginx.conf, PowerDNS's named.conf) or
// as a bare value (pdns.conf); refusing quotes, backslashes, `$` (nginx variables), whitespace,
// `;` and braces means no value can end the string or start a new directive or line.
const SAFE_PATH = /^\/[A-Za-z0-9._/+@=,~-]*$/;

/** The absolute path itself, or an error if it could not be written safely into a config file. */
export function assertSafePath(value: string, what: string): string {
  if (!SAFE_PATH.test(value) || value.split('/').includes('..')) {
    throw new Error(
      `${what} ${JSON.stringify(value)} contains characters Keel does not write into a service's configuration`,
    );
  }
  return value;
}
