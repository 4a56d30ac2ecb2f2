/**
 * Files → a ZIP archive, through fflate: Teams wants a plain zip with the manifest and icons at its
 * root, nothing more. A fixed timestamp makes the same inputs give the same bytes, so a package can
 * be compared and re-built.
 */
import { deflateSync, zipSync, type ZipOptions, type Zippable } from 'fflate';

export interface ZipEntry {
  /** Path inside the archive, "/"-separated. */
  name: string;
  data: Buffer;
}

const DEFLATE_LEVEL = 9;
const STORED = 0;
/** 1980-01-01 00:00, the earliest a zip can say; built in local time because zip times are local. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);
/** Unix, -rw-r--r-- regular file, so unzip on Unix creates readable files. */
const FILE_ATTRIBUTES: ZipOptions = { os: 3, attrs: 0o100644 << 16, mtime: FIXED_TIME };

export function createZip(entries: ZipEntry[]): Buffer {
  const files: Zippable = {};
  for (const { name, data } of entries) {
    if (name in files) throw new Error(`${name} is in the archive twice`);
    // Already-compressed files (PNG) may not shrink: store those as they are.
    const shrinks = deflateSync(data, { level: DEFLATE_LEVEL }).length < data.length;
    files[name] = [data, { ...FILE_ATTRIBUTES, level: shrinks ? DEFLATE_LEVEL : STORED }];
  }
  const archive = zipSync(files);
  return Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
}
