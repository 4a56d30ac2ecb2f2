import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { checkColorIcon, checkOutlineIcon } from '../../../tools/packaging/icon-checks';
import { drawColorIcon, drawOutlineIcon } from '../../../tools/packaging/icon-drawing';
import { decodePng, encodePng, PngFormatError } from '../../../tools/packaging/png-files';
import { createRgbaImage, type RgbaImage } from '../../../tools/packaging/rgba-image';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function gradient(width: number, height: number): RgbaImage {
  const image = createRgbaImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) image.data.set([(x * 40) & 255, (y * 50) & 255, (x * y * 30) & 255, (255 - x * 10) & 255], (y * width + x) * 4);
  }
  return image;
}

function chunk(type: string, body: Buffer): Buffer {
  const typeAndBody = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndBody));
  return Buffer.concat([length, typeAndBody, crc]);
}

function header(width: number, height: number, colourType: number, interlaced = false): Buffer {
  const body = Buffer.alloc(13);
  body.writeUInt32BE(width, 0);
  body.writeUInt32BE(height, 4);
  body[8] = 8;
  body[9] = colourType;
  body[12] = interlaced ? 1 : 0;
  return chunk('IHDR', body);
}

function pngFile(ihdr: Buffer, ...chunks: Buffer[]): Buffer {
  return Buffer.concat([PNG_SIGNATURE, ihdr, ...chunks, chunk('IEND', Buffer.alloc(0))]);
}

/** An RGBA PNG whose row y uses filter y % 5, as image editors write them. */
function filteredPng(image: RgbaImage): Buffer {
  const rowBytes = image.width * 4;
  const rows: Buffer[] = [];
  for (let y = 0; y < image.height; y++) {
    const filter = y % 5;
    const out = Buffer.alloc(rowBytes + 1);
    out[0] = filter;
    for (let x = 0; x < rowBytes; x++) {
      const value = image.data[y * rowBytes + x];
      const left = x >= 4 ? image.data[y * rowBytes + x - 4] : 0;
      const up = y > 0 ? image.data[(y - 1) * rowBytes + x] : 0;
      const upLeft = y > 0 && x >= 4 ? image.data[(y - 1) * rowBytes + x - 4] : 0;
      const p = left + up - upLeft;
      const paeth = Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft) ? left : Math.abs(p - up) <= Math.abs(p - upLeft) ? up : upLeft;
      const prediction = [0, left, up, (left + up) >> 1, paeth][filter];
      out[x + 1] = (value - prediction) & 0xff;
    }
    rows.push(out);
  }
  return pngFile(header(image.width, image.height, 6), chunk('IDAT', deflateSync(Buffer.concat(rows))));
}

/** The same pixels as a 16-bit RGBA PNG written by pngjs: every 8-bit sample v becomes v × 257. */
function sixteenBitPng(image: RgbaImage): Buffer {
  const samples = Uint16Array.from(image.data, (value) => value * 257);
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(samples.buffer);
  return PNG.sync.write(png, { bitDepth: 16, colorType: 6, inputColorType: 6, inputHasAlpha: true });
}

/** Adam7: where each of the seven passes starts and how far it steps, in x and y (PNG spec §8.2). */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** The same pixels as an Adam7-interlaced 8-bit RGBA PNG (pngjs reads interlaced files but does not write them). */
function interlacedPng(image: RgbaImage): Buffer {
  const scanlines: Buffer[] = [];
  for (const [startX, startY, stepX, stepY] of ADAM7) {
    for (let y = startY; y < image.height; y += stepY) {
      const row: number[] = [];
      for (let x = startX; x < image.width; x += stepX) row.push(...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));
      if (row.length) scanlines.push(Buffer.from([0, ...row])); // filter "none"; empty passes have no rows
    }
  }
  return pngFile(header(image.width, image.height, 6, true), chunk('IDAT', deflateSync(Buffer.concat(scanlines))));
}

describe('PNG encoding and decoding (pngjs)', () => {
  it('round-trips RGBA pixels and reports the header', () => {
    const image = gradient(6, 5);
    const decoded = decodePng(encodePng(image));
    assert.deepEqual(decoded.header, { width: 6, height: 5, bitDepth: 8, colourType: 6, interlaced: false });
    assert.deepEqual({ width: decoded.width, height: decoded.height, data: decoded.data }, image);
  });

  it('undoes all five row filters', () => {
    const image = gradient(6, 10);
    assert.deepEqual(decodePng(filteredPng(image)).data, image.data);
  });

  it('reads palette images with transparency', () => {
    const png = pngFile(
      header(2, 1, 3),
      chunk('PLTE', Buffer.from([255, 255, 255, 10, 20, 30])),
      chunk('tRNS', Buffer.from([0])),
      chunk('IDAT', deflateSync(Buffer.from([0, 0, 1]))),
    );
    assert.deepEqual([...decodePng(png).data], [255, 255, 255, 0, 10, 20, 30, 255]);
  });

  it('reads a 16-bit RGBA file as the same 8-bit pixels', () => {
    const image = gradient(7, 6);
    const decoded = decodePng(sixteenBitPng(image));
    assert.deepEqual(decoded.header, { width: 7, height: 6, bitDepth: 16, colourType: 6, interlaced: false });
    assert.deepEqual(decoded.data, image.data);
  });

  it('reads an Adam7-interlaced file, every pass in its place', () => {
    const image = gradient(11, 9); // not a multiple of 8: partial and empty pass columns
    const decoded = decodePng(interlacedPng(image));
    assert.deepEqual(decoded.header, { width: 11, height: 9, bitDepth: 8, colourType: 6, interlaced: true });
    assert.deepEqual(decoded.data, image.data);
  });

  it('accepts 16-bit and interlaced icons in the package checks', () => {
    for (const write of [sixteenBitPng, interlacedPng]) {
      assert.deepEqual(checkColorIcon('color.png', write(drawColorIcon())), []);
      assert.deepEqual(checkOutlineIcon('outline.png', write(drawOutlineIcon())), []);
    }
    const grey = createRgbaImage(32, 32, [255, 255, 255, 0]);
    grey.data.set([128, 128, 128, 255], (3 * 32 + 5) * 4);
    for (const write of [sixteenBitPng, interlacedPng]) {
      assert.match(checkOutlineIcon('outline.png', write(grey)).join('\n'), /1 pixel\(s\) are neither fully transparent nor white, first at \(5, 3\)/);
    }
  });

  it('rejects what is not a PNG or is damaged, as a PngFormatError', () => {
    assert.throws(() => decodePng(Buffer.from('not a png at all')), PngFormatError);
    const damaged = encodePng(gradient(2, 2));
    damaged[20] ^= 0xff; // inside IHDR: its CRC no longer matches
    assert.throws(() => decodePng(damaged), PngFormatError);
  });
});
