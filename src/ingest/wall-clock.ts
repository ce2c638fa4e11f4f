/**
 * Parses the date-time texts met in WebClass lists and on the command line, as wall-clock time in an
 * IANA zone unless the text carries its own offset: `2023-11-16 22:38:17`, `2023/11/16 22:38`,
 * `2023-11-16T23:59`, `2023-11-16`, `2023-11-16T22:38:17.5+09:00`, `…Z`.
 */
import { fieldsAsUtc, fromWallClock, isTimeZone, wallClockFields, type WallClockFields } from '../core/util/time.js';
import { GraderError } from '../core/errors.js';

/** How much of the time was written: a deadline includes the whole last unit. */
export type TimePrecision = 'day' | 'minute' | 'second' | 'millisecond';

export interface WallClockTime {
  date: Date;
  precision: TimePrecision;
  /** True when the text gave its own offset (Z or ±hh:mm), so the zone was not used. */
  hasOffset: boolean;
}

const PATTERN =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:[T\s]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Throws a GraderError when `tz` is not an IANA zone the platform knows. */
export function assertTimeZone(tz: string): void {
  if (!isTimeZone(tz)) throw new GraderError(`unknown time zone "${tz}" (expected an IANA name such as Asia/Tokyo)`);
}

/** Null when the text is not a date-time of the accepted forms or names an impossible date. */
export function parseWallClock(text: string, tz: string): WallClockTime | null {
  assertTimeZone(tz);
  const m = PATTERN.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, offset] = m;
  const fields: WallClockFields = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: h === undefined ? 0 : Number(h),
    minute: mi === undefined ? 0 : Number(mi),
    second: s === undefined ? 0 : Number(s),
    millisecond: frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000),
  };
  const date = offset === undefined ? fromWallClock(fields, tz) : withOffset(fields, offset);
  if (!date) return null;
  const precision: TimePrecision = h === undefined ? 'day' : s === undefined ? 'minute' : frac === undefined ? 'second' : 'millisecond';
  return { date, precision, hasOffset: offset !== undefined };
}

/** Fields written with their own offset (`Z`, `+09:00`, `-0500`). */
function withOffset(fields: WallClockFields, offset: string): Date | null {
  const utc = fieldsAsUtc(fields);
  if (utc === null) return null;
  if (offset.toUpperCase() === 'Z') return new Date(utc);
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3));
  return new Date(utc - (digits.startsWith('-') ? -minutes : minutes) * 60_000);
}

/** The last millisecond included in the unit that starts at `date` (e.g. 23:59 → 23:59:59.999; a day: up to the next midnight). */
export function endOfUnit(time: WallClockTime, tz: string): Date {
  const start = time.date.getTime();
  const step = { minute: 60_000, second: 1000, millisecond: 1 } as const;
  if (time.precision !== 'day') return new Date(start + step[time.precision] - 1);
  if (time.hasOffset) return new Date(start + 24 * 3_600_000 - 1);
  const day = wallClockFields(time.date, tz);
  const next = new Date(0);
  next.setUTCFullYear(day.year, day.month - 1, day.day + 1);
  const midnight = fromWallClock({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0, millisecond: 0 }, tz);
  return new Date(midnight!.getTime() - 1);
}
