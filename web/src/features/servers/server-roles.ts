import type { ServerRole } from '../../api/types.js';

export const serverRoles: { value: ServerRole; label: string }[] = [
  { value: 'web', label: 'Websites' },
  { value: 'database', label: 'Databases' },
  { value: 'mail', label: 'Mail' },
  { value: 'dns', label: 'DNS' },
  { value: 'ftp', label: 'FTP' },
];

export const roleLabel = (role: ServerRole) =>
  serverRoles.find((entry) => entry.value === role)?.label ?? role;
