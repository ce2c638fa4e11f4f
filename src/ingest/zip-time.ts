/**
 * Zip entry modification time. DOS date/time fields carry no time zone: they are read as wall-clock
 * time in the grading zone. An Info-ZIP extended timestamp (0x5455, "UT") or NTFS time (0x000a) is UTC
 * and wins when present.
 */
import { fromWallClock } from '../core/util/time.js';

export interface ZipTimeFields {
  lastModFileDate: number;
  lastModFileTime: number;
  extraFields: readonly { id: number; data: Buffer }[];
}

export interface ZipEntryTime {
  date: Date;
  from: 'extended-utc' | 'dos-wall-clock';
}

const EXTENDED_TIMESTAMP_ID = 0x5455;
const NTFS_TIME_ID = 0x000a;
const NTFS_EPOCH_OFFSET_MS = 11644473600000;

/** The UTC mtime carried in an extra field, or null. */
export function extendedTimestamp(extraFields: ZipTimeFields['extraFields']): Date | null {
  for (const { id, data } of extraFields) {
    if (id === EXTENDED_TIMESTAMP_ID && data.length >= 5 && (data[0]! & 1) === 1) {
      return new Date(data.readInt32LE(1) * 1000);
    }
  }
  for (const { id, data } of extraFields) {
    if (id === NTFS_TIME_ID && data.length === 32 && data.readUInt16LE(4) === 1 && data.readUInt16LE(6) === 24) {
      const hundredNs = data.readUInt32LE(8) + 4294967296 * data.readInt32LE(12);
      return new Date(Math.floor(hundredNs / 10000) - NTFS_EPOCH_OFFSET_MS);
    }
  }
  return null;
}

/** DOS fields as wall-clock time in `tz`; null when the fields do not form a valid date. */
export function dosWallClockTime(dosDate: number, dosTime: number, tz: string): Date | null {
  return fromWallClock(
    {
      year: ((dosDate >> 9) & 0x7f) + 1980,
      month: (dosDate >> 5) & 0x0f,
      day: dosDate & 0x1f,
      hour: (dosTime >> 11) & 0x1f,
      minute: (dosTime >> 5) & 0x3f,
      second: (dosTime & 0x1f) * 2,
      millisecond: 0,
    },
    tz,
  );
}

export function zipEntryTime(fields: ZipTimeFields, tz: string): ZipEntryTime | null {
  const utc = extendedTimestamp(fields.extraFields);
  if (utc) return { date: utc, from: 'extended-utc' };
  const wall = dosWallClockTime(fields.lastModFileDate, fields.lastModFileTime, tz);
  return wall ? { date: wall, from: 'dos-wall-clock' } : null;
}
