export * from './audit.js';
export * from './customers.js';
export * from './packages.js';
export * from './resellers.js';
export * from './servers.js';
export * from './sessions.js';
export * from './settings.js';
export * from './users.js';
