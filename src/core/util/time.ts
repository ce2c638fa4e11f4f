/** Times as WebClass shows them, in an IANA time zone (never the machine's own zone). */
import { DateTime } from 'luxon';

/** `2023-11-16 22:38:17` in `tz`; `tz` is a valid IANA zone (the Node shell checks --tz once). */
export function wallClockIn(date: Date, tz: string): string {
  return DateTime.fromJSDate(date, { zone: tz }).toFormat('yyyy-MM-dd HH:mm:ss');
}
