/**
 * The deadline and lateness. A deadline includes the whole last unit it is written to: `2023-11-16T23:59`
 * means on time up to 23:59:59.999, `…23:59:30` up to 23:59:30.999, `2023-11-16` the whole day.
 */
import { GraderError } from '../core/errors.js';
import { wallClockIn } from '../core/util/time.js';
import { assertTimeZone, endOfUnit, parseWallClock } from './wall-clock.js';

/**
 * Returns the last included instant (millisecond) of the deadline, read in `tz` unless it carries an
 * offset. Throws a plain Error with the accepted forms when the text cannot be read.
 */
export function parseDeadline(text: string, tz: string): Date {
  const time = parseWallClock(text, tz);
  if (!time) {
    throw new GraderError(
      `cannot read the deadline "${text}": expected a date and time such as 2023-11-16T23:59, 2023-11-16 23:59:59 or 2023-11-16`,
    );
  }
  return endOfUnit(time, tz);
}

/** True when the submission came after the deadline's last included millisecond. */
export function isLate(submittedAt: Date, deadline: Date): boolean {
  return submittedAt.getTime() > deadline.getTime();
}

/** `2023-11-16 22:38:17` in `tz` (WebClass's form, for CSVs and reports). */
export function formatInZone(date: Date, tz: string): string {
  assertTimeZone(tz);
  return wallClockIn(date, tz);
}
