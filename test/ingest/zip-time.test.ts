import { describe, expect, it } from 'vitest';
import { dosWallClockTime, extendedTimestamp, zipEntryTime } from '../../src/ingest/zip-time.js';
import { decodeZipName, unsafeZipPathReason } from '../../src/ingest/zip-name.js';
import iconv from 'iconv-lite';

const dosDate = (y: number, mo: number, d: number): number => ((y - 1980) << 9) | (mo << 5) | d;
const dosTime = (h: number, mi: number, s: number): number => (h << 11) | (mi << 5) | Math.floor(s / 2);

function utField(unixSeconds: number): { id: number; data: Buffer } {
  const data = Buffer.alloc(5);
  data[0] = 1;
  data.writeInt32LE(unixSeconds, 1);
  return { id: 0x5455, data };
}

describe('zip entry time', () => {
  it('reads DOS fields as wall-clock time in the zone', () => {
    expect(dosWallClockTime(dosDate(2023, 11, 16), dosTime(22, 38, 16), 'Asia/Tokyo')?.toISOString()).toBe('2023-11-16T13:38:16.000Z');
    expect(dosWallClockTime(dosDate(2023, 7, 1), dosTime(12, 0, 0), 'Europe/Berlin')?.toISOString()).toBe('2023-07-01T10:00:00.000Z');
    expect(dosWallClockTime(0, 0, 'Asia/Tokyo')).toBeNull(); // month 0
  });

  it('lets the extended timestamp (0x5455, UTC) win over the DOS fields', () => {
    const fields = {
      lastModFileDate: dosDate(2023, 11, 16),
      lastModFileTime: dosTime(22, 38, 16),
      extraFields: [{ id: 0x7875, data: Buffer.from([1, 4, 0, 0, 0, 0, 4, 0, 0, 0, 0]) }, utField(Date.UTC(2023, 10, 16, 15, 0, 1) / 1000)],
    };
    expect(zipEntryTime(fields, 'Asia/Tokyo')).toEqual({ date: new Date('2023-11-16T15:00:01Z'), from: 'extended-utc' });
    expect(zipEntryTime({ ...fields, extraFields: [] }, 'Asia/Tokyo')).toEqual({
      date: new Date('2023-11-16T13:38:16Z'),
      from: 'dos-wall-clock',
    });
  });

  it('ignores a UT field without mtime and reads an NTFS time', () => {
    const noMtime = { id: 0x5455, data: Buffer.from([2, 0, 0, 0, 0]) };
    expect(extendedTimestamp([noMtime])).toBeNull();
    const ntfs = Buffer.alloc(32);
    ntfs.writeUInt16LE(1, 4);
    ntfs.writeUInt16LE(24, 6);
    const hundredNs = (BigInt(Date.UTC(2023, 10, 16, 14, 59, 59)) + 11644473600000n) * 10000n;
    ntfs.writeBigUInt64LE(hundredNs, 8);
    expect(extendedTimestamp([{ id: 0x000a, data: ntfs }])?.toISOString()).toBe('2023-11-16T14:59:59.000Z');
  });
});

describe('zip entry names', () => {
  it('uses the flag, then strict UTF-8, then CP932', () => {
    expect(decodeZipName(Buffer.from('課題.ipynb'), 0x0800)).toEqual({ path: '課題.ipynb', encoding: 'utf8-flag' });
    expect(decodeZipName(Buffer.from('課題.ipynb'), 0)).toEqual({ path: '課題.ipynb', encoding: 'utf8' });
    expect(decodeZipName(iconv.encode('ソ表\\能.ipynb', 'cp932'), 0)).toEqual({ path: 'ソ表/能.ipynb', encoding: 'cp932' });
    // A flag that lies (bytes are CP932) falls back rather than producing U+FFFD.
    expect(decodeZipName(iconv.encode('山田.ipynb', 'cp932'), 0x0800)).toEqual({ path: '山田.ipynb', encoding: 'cp932' });
  });

  it('refuses absolute paths and parent segments', () => {
    expect(unsafeZipPathReason('a/b.ipynb')).toBeNull();
    expect(unsafeZipPathReason('a/..b/c..')).toBeNull();
    expect(unsafeZipPathReason('a/../../b')).not.toBeNull();
    expect(unsafeZipPathReason('/etc/passwd')).not.toBeNull();
    expect(unsafeZipPathReason('D:/x')).not.toBeNull();
  });
});
