import { describe, expect, it } from 'vitest';
import { formatInZone, isLate, parseDeadline } from '../../src/ingest/deadline.js';
import { parseWallClock } from '../../src/ingest/wall-clock.js';

const TZ = 'Asia/Tokyo';
const jst = (text: string): Date => new Date(`${text}+09:00`);

describe('parseDeadline', () => {
  it.each(['2023-11-16T23:59', '2023-11-16 23:59', '2023/11/16 23:59'])('a deadline to the minute (%s) includes that minute', (text) => {
    const deadline = parseDeadline(text, TZ);
    expect(deadline.toISOString()).toBe('2023-11-16T14:59:59.999Z');
    expect(isLate(jst('2023-11-16T23:59:00.000'), deadline)).toBe(false);
    expect(isLate(jst('2023-11-16T23:59:59.999'), deadline)).toBe(false);
    expect(isLate(jst('2023-11-17T00:00:00.000'), deadline)).toBe(true);
  });

  it('a deadline to the second includes that second', () => {
    const deadline = parseDeadline('2023-11-16 23:59:30', TZ);
    expect(isLate(jst('2023-11-16T23:59:30.999'), deadline)).toBe(false);
    expect(isLate(jst('2023-11-16T23:59:31.000'), deadline)).toBe(true);
  });

  it('a date alone includes the whole day', () => {
    const deadline = parseDeadline('2023-11-16', TZ);
    expect(isLate(jst('2023-11-16T23:59:59.999'), deadline)).toBe(false);
    expect(isLate(jst('2023-11-17T00:00:00.000'), deadline)).toBe(true);
  });

  it('reads the deadline in the given zone unless it has an offset', () => {
    expect(parseDeadline('2023-11-16T23:59', 'UTC').toISOString()).toBe('2023-11-16T23:59:59.999Z');
    expect(parseDeadline('2023-11-16T23:59+09:00', 'UTC').toISOString()).toBe('2023-11-16T14:59:59.999Z');
    expect(parseDeadline('2023-11-16T14:59Z', TZ).toISOString()).toBe('2023-11-16T14:59:59.999Z');
  });

  it('throws a clear error for unreadable text or an unknown zone', () => {
    expect(() => parseDeadline('next Thursday', TZ)).toThrow(/cannot read the deadline "next Thursday"/);
    expect(() => parseDeadline('2023-02-30 23:59', TZ)).toThrow(/cannot read the deadline/);
    expect(() => parseDeadline('2023-11-16 24:00', TZ)).toThrow(/cannot read the deadline/);
    expect(() => parseDeadline('2023-11-16 23:59', 'Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});

describe('formatInZone and wall-clock parsing', () => {
  it('formats in the zone, WebClass style', () => {
    expect(formatInZone(new Date('2023-11-16T13:38:17.600Z'), TZ)).toBe('2023-11-16 22:38:17');
    expect(formatInZone(parseDeadline('2023-11-16T23:59', TZ), TZ)).toBe('2023-11-16 23:59:59');
  });

  it('reads the forms met in LMS lists', () => {
    expect(parseWallClock('2023-11-16 22:38:17', TZ)).toEqual({ date: jst('2023-11-16T22:38:17'), precision: 'second', hasOffset: false });
    expect(parseWallClock('2023/11/6 9:05', TZ)?.date).toEqual(jst('2023-11-06T09:05:00'));
    expect(parseWallClock('２０２３/１１/１６ ２２:３８', TZ)?.date).toEqual(jst('2023-11-16T22:38:00'));
    expect(parseWallClock('2023-11-16T22:38:17.25+09:00', 'UTC')).toEqual({
      date: new Date('2023-11-16T13:38:17.250Z'),
      precision: 'millisecond',
      hasOffset: true,
    });
    expect(parseWallClock('16/11/2023 22:38', TZ)).toBeNull();
  });
});
