/**
 * PNG file bytes ↔ RGBA pixels, through pngjs: icons as editors export them (any bit depth, colour
 * type or interlacing) are read as 8-bit RGBA so they can be checked before they are packaged, and
 * the drawn icons are written as 8-bit RGBA.
 */
import { PNG } from 'pngjs';
import type { RgbaImage } from './rgba-image';

/** What the file's IHDR says, kept beside the pixels so a check can name the file's layout. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlaced: boolean;
}

export interface DecodedPng extends RgbaImage {
  header: PngHeader;
}

export class PngFormatError extends Error {
  override name = 'PngFormatError';
}

/** The file's header and its pixels as 8-bit RGBA; throws PngFormatError when the bytes are not a readable PNG. */
export function decodePng(file: Buffer): DecodedPng {
  let png: ReturnType<typeof PNG.sync.read>;
  try {
    png = PNG.sync.read(file);
  } catch (error) {
    throw new PngFormatError((error as Error).message);
  }
  return {
    width: png.width,
    height: png.height,
    data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength),
    header: { width: png.width, height: png.height, bitDepth: png.depth, colourType: png.colorType, interlaced: png.interlace },
  };
}

export function encodePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png, { colorType: 6, bitDepth: 8, inputHasAlpha: true });
}
