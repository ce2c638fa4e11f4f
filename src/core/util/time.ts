/**
 * Wall-clock time in an IANA time zone (never the machine's own zone), from the platform's own zone data
 * (Intl). Asking Intl for an offset costs tens of microseconds, and a class list has thousands of
 * times: offsets are remembered per zone and hour. An hour whose two ends have the same offset has that
 * offset throughout (two transitions never fall within one hour); an hour with a transition inside is
 * answered exactly, each time.
 */

export interface WallClockFields {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const HOUR_MS = 3_600_000;
const formats = new Map<string, Intl.DateTimeFormat>();
/** Per zone: hour index (UTC ms / 1 h) → the hour's offset in ms, or NaN when a transition falls inside it. */
const hourOffsets = new Map<string, Map<number, number>>();
const MAX_HOURS_KEPT = 200_000;

function formatFor(tz: string): Intl.DateTimeFormat {
  let format = formats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formats.set(tz, format);
  }
  return format;
}

/** True when `tz` is an IANA zone name the platform knows. */
export function isTimeZone(tz: string): boolean {
  if (formats.has(tz)) return true;
  try {
    formatFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `ms` (to the second), asking Intl. */
function exactOffset(tz: string, ms: number): number {
  const seconds = Math.floor(ms / 1000) * 1000;
  const field: Record<string, number> = {};
  let bc = false;
  for (const part of formatFor(tz).formatToParts(seconds)) {
    if (part.type === 'era') bc = part.value.startsWith('B');
    else if (part.type !== 'literal') field[part.type] = Number(part.value);
  }
  const year = bc ? 1 - field['year']! : field['year']!;
  const shown = { year, month: field['month']!, day: field['day']!, hour: field['hour']!, minute: field['minute']!, second: field['second']!, millisecond: 0 };
  return fieldsAsUtc(shown)! - seconds;
}

/** The zone's offset from UTC (ms, east positive) at the instant `ms`. */
export function offsetAt(tz: string, ms: number): number {
  let hours = hourOffsets.get(tz);
  if (!hours) {
    hours = new Map();
    hourOffsets.set(tz, hours);
  }
  const hour = Math.floor(ms / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const first = exactOffset(tz, hour * HOUR_MS);
    offset = first === exactOffset(tz, hour * HOUR_MS + HOUR_MS - 1) ? first : NaN;
    if (hours.size >= MAX_HOURS_KEPT) hours.clear();
    hours.set(hour, offset);
  }
  return Number.isNaN(offset) ? exactOffset(tz, ms) : offset;
}

/** The wall-clock fields of the instant `date` in `tz`. */
export function wallClockFields(date: Date, tz: string): WallClockFields {
  const local = new Date(date.getTime() + offsetAt(tz, date.getTime()));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
  };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `2023-11-16 22:38:17` in `tz`; `tz` is a valid IANA zone (the Node shell checks --tz once). */
export function wallClockIn(date: Date, tz: string): string {
  const f = wallClockFields(date, tz);
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
}

/** The fields read as if they were UTC, or null when they do not name a real date and time (Feb 30, 24:00). */
export function fieldsAsUtc(fields: WallClockFields): number | null {
  const { year, month, day, hour, minute, second, millisecond } = fields;
  const inRange = month >= 1 && month <= 12 && day >= 1 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
  if (!inRange || millisecond < 0 || millisecond > 999) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getUTCDate() === day ? date.getTime() : null;
}

/**
 * The instant at which the wall clock in `tz` shows `fields`; null when the fields are not a real date.
 * Transitions are read as JavaScript's Temporal does by default ("compatible"): a time shown twice (the
 * hour repeated when clocks go back) is its earlier instant; a time that never shows (the hour skipped
 * when clocks go forward) is moved forward by the gap (02:30 → 03:30).
 */
export function fromWallClock(fields: WallClockFields, tz: string): Date | null {
  const local = fieldsAsUtc(fields);
  if (local === null) return null;
  // the offsets a day either side: at most one transition lies between them
  const byBefore = local - offsetAt(tz, local - 24 * HOUR_MS);
  const byAfter = local - offsetAt(tz, local + 24 * HOUR_MS);
  const shown = [byBefore, byAfter].filter((instant) => instant + offsetAt(tz, instant) === local);
  // none shows it: the skipped hour, and the offset before the gap moves it forward by the gap
  return new Date(shown.length > 0 ? Math.min(...shown) : byBefore);
}
