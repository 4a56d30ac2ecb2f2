/**
 * A ZIP archive → its files, checked against their CRC-32. Reads what zip-writing and common
 * tools write (stored or deflated entries, no ZIP64, no encryption): enough to check a package.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import type { ZipEntry } from './zip-writing';

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

export function readZip(archive: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(archive);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== CENTRAL_DIRECTORY_HEADER) throw new ZipFormatError(`bad central directory header ${i}`);
    const flags = archive.readUInt16LE(at + 8);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localOffset = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString(flags & 0x0800 ? 'utf8' : 'latin1');
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x0001) throw new ZipFormatError(`${name} is encrypted`);
    if (archive.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) throw new ZipFormatError(`bad local header for ${name}`);
    const dataStart = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const body = archive.subarray(dataStart, dataStart + compressedSize);
    const data = method === 0 ? Buffer.from(body) : method === 8 ? inflateRawSync(body) : undefined;
    if (!data) throw new ZipFormatError(`${name} uses compression method ${method}`);
    if (data.length !== size || crc32(data) !== crc) throw new ZipFormatError(`${name} is corrupt (size or CRC-32 mismatch)`);
    entries.push({ name, data });
  }
  return entries;
}

function findEndOfCentralDirectory(archive: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let at = archive.length - 22; at >= Math.max(0, archive.length - 22 - 0xffff); at--) {
    if (archive.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new ZipFormatError('not a zip archive (no end of central directory record)');
}
