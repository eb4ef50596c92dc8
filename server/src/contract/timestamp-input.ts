import { Type } from 'typebox';

/**
 * A point in time a client sends, such as a filter's bound: RFC 3339 within the years 0001–9999.
 * JavaScript and PostgreSQL both reach far beyond that, but not alike (PostgreSQL has no year 0
 * and reads no six-digit years), so a date outside it would reach the database as text it refuses.
 */
export const TimestampInput = Type.String({
  format: 'date-time',
  formatMinimum: '0001-01-01T00:00:00Z',
  formatMaximum: '9999-12-31T23:59:59.999Z',
  description: 'RFC 3339, between the years 0001 and 9999.',
});
