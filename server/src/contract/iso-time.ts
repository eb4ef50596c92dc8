/**
 * A time as RFC 3339 in UTC with milliseconds, exactly as `Date.prototype.toISOString` writes it.
 * Every listed row carries several times, and V8's own formatter took 6 % of Keel's CPU on a page
 * of 25 customers (docs/performance.md, issue 17): the calendar date is worked out from the day
 * number instead (the proleptic Gregorian calendar toISOString uses), the rest from the remainder.
 */

const dayMs = 86_400_000;

const twoDigits = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0'));

/** Year, month and day of a day counted from 1970-01-01 (the "days from civil" inverse). */
function civilDate(day: number): [year: number, month: number, dayOfMonth: number] {
  const shifted = day + 719_468; // days from 0000-03-01, where a 400-year era starts
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1_460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth];
}

export function isoTime(date: Date): string {
  const ms = date.getTime();
  const day = Math.floor(ms / dayMs);
  const [year, month, dayOfMonth] = civilDate(day);
  // Years outside 0000–9999 are written with a sign and six digits; an invalid date throws.
  if (!(year >= 0 && year <= 9999)) return date.toISOString();
  let rest = ms - day * dayMs;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1_000);
  const millis = rest - seconds * 1_000;
  return `${String(year).padStart(4, '0')}-${twoDigits[month]}-${twoDigits[dayOfMonth]}T${twoDigits[hours]}:${twoDigits[minutes]}:${twoDigits[seconds]}.${String(millis).padStart(3, '0')}Z`;
}
