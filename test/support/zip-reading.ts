/**
 * A ZIP archive → its files, in archive order, through fflate: how tests look inside the Teams
 * package that `npm run package` writes.
 */
import { unzipSync } from 'fflate';
import type { ZipEntry } from '../../tools/packaging/zip-writing';

/** The APPNOTE compression method numbers fflate reports. */
export const ZIP_METHOD = { stored: 0, deflated: 8 } as const;

export interface ZipListing extends ZipEntry {
  compression: number;
}

export function readZip(archive: Buffer): ZipEntry[] {
  return listZip(archive).map(({ name, data }) => ({ name, data }));
}

/** Every entry with the compression method it was written with. */
export function listZip(archive: Buffer): ZipListing[] {
  const methods = new Map<string, number>();
  const files = unzipSync(archive, {
    filter: (file) => {
      methods.set(file.name, file.compression);
      return true;
    },
  });
  // fflate reads the central directory in order; the Map keeps that order (object keys would not for numeric names).
  return [...methods].map(([name, compression]) => ({ name, compression, data: Buffer.from(files[name]) }));
}
