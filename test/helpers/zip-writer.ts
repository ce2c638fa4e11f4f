/**
 * A small ZIP writer for tests and fixture generation: stored or deflated entries, raw name bytes
 * (so CP932 names without the UTF-8 flag can be made), DOS times given as wall-clock fields.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntryInput {
  /** Entry name as raw bytes (e.g. CP932) or a string written as UTF-8. */
  name: Buffer | string;
  data: Buffer | string;
  /** Set general-purpose bit 11 (name is UTF-8). Defaults to true for string names. */
  utf8Flag?: boolean;
  /** Wall-clock fields stored in the DOS time (no time zone), e.g. { y: 2023, mo: 11, d: 16, h: 22, mi: 38, s: 16 }. */
  time?: { y: number; mo: number; d: number; h: number; mi: number; s: number };
  deflate?: boolean;
  /** Unix mode bits for the external attributes (e.g. 0o120777 for a symlink). */
  unixMode?: number;
}

export function makeZip(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? Buffer.from(entry.name, 'utf8') : entry.name;
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const body = entry.deflate === false ? raw : deflateRawSync(raw);
    const method = entry.deflate === false ? 0 : 8;
    const flags = (entry.utf8Flag ?? typeof entry.name === 'string') ? 0x0800 : 0;
    const t = entry.time ?? { y: 2023, mo: 11, d: 16, h: 12, mi: 0, s: 0 };
    const dosTime = (t.h << 11) | (t.mi << 5) | Math.floor(t.s / 2);
    const dosDate = ((t.y - 1980) << 9) | (t.mo << 5) | t.d;
    const crc = crc32(raw);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(entry.unixMode === undefined ? 20 : (3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(entry.unixMode === undefined ? 0 : (entry.unixMode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
