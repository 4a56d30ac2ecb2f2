/**
 * PNG file bytes → header facts and RGBA pixels, so icons can be checked (size, transparency,
 * outline colour) before they are packaged. Reads the common non-interlaced 8-bit files: grey,
 * grey+alpha, RGB, RGBA and palette (with tRNS) — what icon editors export. Anything else is
 * reported as unreadable rather than guessed at.
 */
import { crc32, inflateSync } from 'node:zlib';
import { PNG_SIGNATURE } from './png-encoding';
import type { RgbaImage } from './rgba-image';

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlaced: boolean;
}

export class PngFormatError extends Error {
  override name = 'PngFormatError';
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

interface Chunk {
  type: string;
  body: Buffer;
}

/** The IHDR facts; throws PngFormatError when the bytes are not a PNG. */
export function readPngHeader(file: Buffer): PngHeader {
  const first = readChunks(file).next();
  if (first.done || first.value.type !== 'IHDR' || first.value.body.length !== 13) {
    throw new PngFormatError('the first chunk is not a 13-byte IHDR');
  }
  const body = first.value.body;
  return {
    width: body.readUInt32BE(0),
    height: body.readUInt32BE(4),
    bitDepth: body[8],
    colourType: body[9],
    interlaced: body[12] !== 0,
  };
}

export function decodePng(file: Buffer): RgbaImage {
  const header = readPngHeader(file);
  const channels = CHANNELS[header.colourType];
  if (header.bitDepth !== 8 || channels === undefined || header.interlaced) {
    throw new PngFormatError(
      `unsupported PNG layout (bit depth ${header.bitDepth}, colour type ${header.colourType}` +
        `${header.interlaced ? ', interlaced' : ''}); save it as a non-interlaced 8-bit RGBA PNG`,
    );
  }
  let palette: Buffer | undefined;
  let paletteAlpha: Buffer | undefined;
  const compressed: Buffer[] = [];
  for (const { type, body } of readChunks(file)) {
    if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') paletteAlpha = body;
    else if (type === 'IDAT') compressed.push(body);
    else if (type === 'IEND') break;
  }
  if (header.colourType === 3 && !palette) throw new PngFormatError('palette image without a PLTE chunk');

  const rows = unfilter(inflateSync(Buffer.concat(compressed)), header.width, header.height, channels);
  const data = new Uint8Array(header.width * header.height * 4);
  for (let p = 0; p < header.width * header.height; p++) {
    const s = rows.subarray(p * channels, (p + 1) * channels);
    const rgba = toRgba(header.colourType, s, palette, paletteAlpha);
    data.set(rgba, p * 4);
  }
  return { width: header.width, height: header.height, data };
}

function toRgba(colourType: number, s: Uint8Array, palette?: Buffer, paletteAlpha?: Buffer): number[] {
  switch (colourType) {
    case 0:
      return [s[0], s[0], s[0], 255];
    case 4:
      return [s[0], s[0], s[0], s[1]];
    case 2:
      return [s[0], s[1], s[2], 255];
    case 3: {
      const i = s[0];
      if (!palette || i * 3 + 2 >= palette.length) throw new PngFormatError(`palette index ${i} out of range`);
      return [palette[i * 3], palette[i * 3 + 1], palette[i * 3 + 2], paletteAlpha && i < paletteAlpha.length ? paletteAlpha[i] : 255];
    }
    default:
      return [s[0], s[1], s[2], s[3]];
  }
}

/** Undoes the per-row PNG filters (none, sub, up, average, Paeth). */
function unfilter(inflated: Buffer, width: number, height: number, bytesPerPixel: number): Uint8Array {
  const rowBytes = width * bytesPerPixel;
  if (inflated.length < (rowBytes + 1) * height) throw new PngFormatError('image data is shorter than the header says');
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const filter = inflated[y * (rowBytes + 1)];
    const src = inflated.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1));
    const row = y * rowBytes;
    for (let x = 0; x < rowBytes; x++) {
      const left = x >= bytesPerPixel ? out[row + x - bytesPerPixel] : 0;
      const up = y > 0 ? out[row - rowBytes + x] : 0;
      const upLeft = y > 0 && x >= bytesPerPixel ? out[row - rowBytes + x - bytesPerPixel] : 0;
      out[row + x] = (src[x] + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function predict(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const pa = Math.abs(p - left);
      const pb = Math.abs(p - up);
      const pc = Math.abs(p - upLeft);
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      throw new PngFormatError(`unknown row filter ${filter}`);
  }
}

function* readChunks(file: Buffer): Generator<Chunk> {
  if (file.length < 8 || !file.subarray(0, 8).equals(PNG_SIGNATURE)) throw new PngFormatError('not a PNG file (bad signature)');
  let offset = 8;
  while (offset + 12 <= file.length) {
    const length = file.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > file.length) throw new PngFormatError('truncated chunk');
    const typeAndBody = file.subarray(offset + 4, offset + 8 + length);
    if (crc32(typeAndBody) !== file.readUInt32BE(offset + 8 + length)) {
      throw new PngFormatError(`bad CRC in chunk ${typeAndBody.subarray(0, 4).toString('latin1')}`);
    }
    yield { type: typeAndBody.subarray(0, 4).toString('latin1'), body: typeAndBody.subarray(4) };
    offset = end;
  }
}
