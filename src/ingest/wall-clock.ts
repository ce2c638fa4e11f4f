/**
 * Parses the date-time texts met in WebClass lists and on the command line, as wall-clock time in an
 * IANA zone unless the text carries its own offset: `2023-11-16 22:38:17`, `2023/11/16 22:38`,
 * `2023-11-16T23:59`, `2023-11-16`, `2023-11-16T22:38:17.5+09:00`, `…Z`.
 */
import { DateTime, IANAZone } from 'luxon';
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

/** Zones already checked: luxon's check builds an Intl.DateTimeFormat, far too slow for every row. */
const validZones = new Set<string>();

/** Throws a plain Error when `tz` is not an IANA zone luxon knows. */
export function assertTimeZone(tz: string): void {
  if (validZones.has(tz)) return;
  if (!IANAZone.isValidZone(tz)) throw new GraderError(`unknown time zone "${tz}" (expected an IANA name such as Asia/Tokyo)`);
  validZones.add(tz);
}

/** Null when the text is not a date-time of the accepted forms or names an impossible date. */
export function parseWallClock(text: string, tz: string): WallClockTime | null {
  assertTimeZone(tz);
  const m = PATTERN.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, offset] = m;
  const zone = offset === undefined ? tz : offset.toUpperCase() === 'Z' ? 'UTC' : `UTC${normaliseOffset(offset)}`;
  const dt = DateTime.fromObject(
    {
      year: Number(y),
      month: Number(mo),
      day: Number(d),
      hour: h === undefined ? 0 : Number(h),
      minute: mi === undefined ? 0 : Number(mi),
      second: s === undefined ? 0 : Number(s),
      millisecond: frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000),
    },
    { zone },
  );
  if (!dt.isValid || (h !== undefined && Number(h) > 23)) return null;
  // luxon moves times in a DST gap forward; a written time that does not exist is still accepted as moved.
  const precision: TimePrecision = h === undefined ? 'day' : s === undefined ? 'minute' : frac === undefined ? 'second' : 'millisecond';
  return { date: dt.toJSDate(), precision, hasOffset: offset !== undefined };
}

function normaliseOffset(offset: string): string {
  const digits = offset.replace(':', '');
  return `${digits.slice(0, 3)}:${digits.slice(3)}`;
}

/** The last millisecond included in the unit that starts at `date` (e.g. 23:59 → 23:59:59.999). */
export function endOfUnit(time: WallClockTime, tz: string): Date {
  const zone = time.hasOffset ? 'UTC' : tz;
  const start = DateTime.fromJSDate(time.date, { zone });
  const next =
    time.precision === 'day'
      ? start.plus({ days: 1 })
      : time.precision === 'minute'
        ? start.plus({ minutes: 1 })
        : time.precision === 'second'
          ? start.plus({ seconds: 1 })
          : start.plus({ milliseconds: 1 });
  return new Date(next.toMillis() - 1);
}
