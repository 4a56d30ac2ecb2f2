/**
 * Teams icon requirements, checked on the PNG files themselves: color icon 192×192; outline
 * icon 32×32 with a transparent background and nothing but white in it (Teams tints it).
 */
import { decodePng, type DecodedPng } from './png-files';
import type { RgbaImage } from './rgba-image';

export const COLOR_ICON_PIXELS = 192;
export const OUTLINE_ICON_PIXELS = 32;

export function checkColorIcon(name: string, file: Buffer): string[] {
  const image = readIcon(name, file);
  return typeof image === 'string' ? [image] : checkSize(name, image, COLOR_ICON_PIXELS);
}

export function checkOutlineIcon(name: string, file: Buffer): string[] {
  const image = readIcon(name, file);
  if (typeof image === 'string') return [image];
  const sizeProblems = checkSize(name, image, OUTLINE_ICON_PIXELS);
  if (sizeProblems.length) return sizeProblems;
  const { notWhite, transparent, first } = countOutlinePixels(image);
  const problems: string[] = [];
  if (notWhite > 0 && first) {
    problems.push(
      `${name}: ${notWhite} pixel(s) are neither fully transparent nor white, first at (${first.x}, ${first.y}) ` +
        `rgba(${first.rgba.join(', ')}); an outline icon is white on transparent`,
    );
  }
  if (transparent === 0) problems.push(`${name}: has no transparent pixels; an outline icon needs a transparent background`);
  if (transparent === image.width * image.height) problems.push(`${name}: is fully transparent; it shows nothing`);
  return problems;
}

/** Counts pixels that break the outline rule: a pixel is fine when fully transparent or white (any alpha). */
export function countOutlinePixels(image: RgbaImage): {
  notWhite: number;
  transparent: number;
  first?: { x: number; y: number; rgba: number[] };
} {
  let notWhite = 0;
  let transparent = 0;
  let first: { x: number; y: number; rgba: number[] } | undefined;
  for (let p = 0; p < image.width * image.height; p++) {
    const [r, g, b, a] = image.data.subarray(p * 4, p * 4 + 4);
    if (a === 0) transparent++;
    else if (r !== 255 || g !== 255 || b !== 255) {
      notWhite++;
      first ??= { x: p % image.width, y: Math.floor(p / image.width), rgba: [r, g, b, a] };
    }
  }
  return { notWhite, transparent, first };
}

/** The decoded icon, or the one problem that says why it cannot be read. */
function readIcon(name: string, file: Buffer): DecodedPng | string {
  try {
    return decodePng(file);
  } catch (error) {
    return `${name}: is not a valid PNG image: ${(error as Error).message}`;
  }
}

function checkSize(name: string, { width, height }: RgbaImage, pixels: number): string[] {
  return width === pixels && height === pixels ? [] : [`${name}: is ${width}×${height} pixels; Teams needs ${pixels}×${pixels}`];
}
