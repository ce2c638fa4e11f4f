/**
 * Wall-clock time in IANA zones (src/core/util/time.ts), checked against a fresh Intl formatter for
 * every instant (no cache of ours in between), in zones with odd offsets and transitions.
 */
import { describe, expect, it } from 'vitest';
import { fieldsAsUtc, fromWallClock, wallClockIn, type WallClockFields } from '../../src/core/util/time.js';

const ZONES = [
  'Asia/Tokyo',
  'UTC',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe', // 30-minute daylight saving
  'America/St_Johns', // −3:30 / −2:30
  'Asia/Kathmandu', // +5:45
  'Pacific/Chatham', // +12:45 / +13:45
  'America/Santiago',
  'Africa/Casablanca', // daylight saving suspended for Ramadan
];

/** The oracle: Intl's own formatting, in Swedish (`2023-11-16 22:38:17`). */
const oracles = new Map<string, Intl.DateTimeFormat>();
const oracle = (ms: number, tz: string): string => {
  let format = oracles.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    oracles.set(tz, format);
  }
  return format.format(ms);
};

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** Instants where the zone's offset changes during 2023–2024 (found day by day with the oracle, then to the second). */
function transitions(tz: string): number[] {
  const found: number[] = [];
  const offset = (ms: number): number => Date.parse(`${oracle(ms, tz).replace(' ', 'T')}Z`) - Math.floor(ms / 1000) * 1000;
  const DAY = 86_400_000;
  for (let ms = Date.UTC(2023, 0, 1); ms < Date.UTC(2025, 0, 1); ms += DAY) {
    if (offset(ms) !== offset(ms + DAY)) {
      let low = ms;
      let high = ms + DAY;
      while (high - low > 1000) {
        const mid = Math.floor((low + high) / 2000) * 1000;
        if (offset(mid) === offset(ms)) low = mid;
        else high = mid;
      }
      found.push(high);
    }
  }
  return found;
}

const fields = (text: string): WallClockFields => {
  const [date, time] = text.split(' ');
  const [year, month, day] = date!.split('-').map(Number);
  const [hour, minute, second] = time!.split(':').map(Number);
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second!, millisecond: 0 };
};

describe('wallClockIn', () => {
  it('shows what Intl shows, at random instants and a second either side of every transition', () => {
    const next = random(42);
    let checked = 0;
    for (const tz of ZONES) {
      const edges = transitions(tz);
      if (tz !== 'UTC' && tz !== 'Asia/Tokyo' && tz !== 'Asia/Kathmandu') expect(edges.length, tz).toBeGreaterThan(0);
      const instants = [...edges.flatMap((t) => [t - 1000, t - 1, t, t + 999, t + 1000]), ...Array.from({ length: 400 }, () => Math.floor(Date.UTC(1975, 0, 1) + next() * 2.1e12))];
      for (const ms of instants) {
        expect(wallClockIn(new Date(ms), tz), `${tz} ${new Date(ms).toISOString()}`).toBe(oracle(ms, tz));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(4000);
  });
});

describe('fromWallClock', () => {
  it('finds the instant that shows a wall-clock time, in every zone', () => {
    const next = random(7);
    for (const tz of ZONES) {
      for (let k = 0; k < 300; k++) {
        const ms = Math.floor(Date.UTC(1980, 0, 1) + next() * 1.8e12 / 1000) * 1000;
        const shown = oracle(ms, tz);
        const found = fromWallClock(fields(shown), tz);
        expect(found && oracle(found.getTime(), tz), `${tz} ${shown}`).toBe(shown);
      }
    }
  });

  it('reads a repeated time as its earlier instant and moves a skipped time forward by the gap', () => {
    // New York: clocks went back at 2023-11-05 02:00 EDT, forward at 2023-03-12 02:00 EST
    expect(fromWallClock(fields('2023-11-05 01:30:00'), 'America/New_York')?.toISOString()).toBe('2023-11-05T05:30:00.000Z');
    expect(fromWallClock(fields('2023-03-12 02:30:00'), 'America/New_York')?.toISOString()).toBe('2023-03-12T07:30:00.000Z');
    expect(wallClockIn(fromWallClock(fields('2023-03-12 02:30:00'), 'America/New_York')!, 'America/New_York')).toBe('2023-03-12 03:30:00');
    // Lord Howe moves by half an hour: 2023-10-01 02:00 → 02:30
    expect(wallClockIn(fromWallClock(fields('2023-10-01 02:10:00'), 'Australia/Lord_Howe')!, 'Australia/Lord_Howe')).toBe('2023-10-01 02:40:00');
    expect(fromWallClock(fields('2023-11-16 23:59:00'), 'Asia/Tokyo')?.toISOString()).toBe('2023-11-16T14:59:00.000Z');
  });

  it('refuses dates that do not exist', () => {
    for (const text of ['2023-02-29 00:00:00', '2023-04-31 12:00:00', '2023-13-01 00:00:00', '2023-11-16 24:00:00', '2023-11-16 23:60:00']) {
      expect(fieldsAsUtc(fields(text)), text).toBeNull();
      expect(fromWallClock(fields(text), 'Asia/Tokyo'), text).toBeNull();
    }
    expect(fieldsAsUtc(fields('2024-02-29 00:00:00'))).toBe(Date.UTC(2024, 1, 29));
  });
});
