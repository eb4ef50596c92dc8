import { timestamp } from 'drizzle-orm/pg-core';

/** All timestamps are stored with time zone and handled as Date in UTC. */
export const timestampTz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
