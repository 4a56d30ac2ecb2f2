import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import { decodePng, PngFormatError, readPngHeader } from '../../../tools/packaging/png-decoding';
import { encodePng, PNG_SIGNATURE } from '../../../tools/packaging/png-encoding';
import { createRgbaImage, type RgbaImage } from '../../../tools/packaging/rgba-image';

function gradient(width: number, height: number): RgbaImage {
  const image = createRgbaImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) image.data.set([x * 40, y * 50, (x * y * 30) & 255, 255 - x * 10], (y * width + x) * 4);
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

function header(width: number, height: number, colourType: number): Buffer {
  const body = Buffer.alloc(13);
  body.writeUInt32BE(width, 0);
  body.writeUInt32BE(height, 4);
  body[8] = 8;
  body[9] = colourType;
  return chunk('IHDR', body);
}

/** An RGBA PNG whose row y uses filter y % 5, as image editors write them (the encoder only writes "none"). */
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
  return Buffer.concat([PNG_SIGNATURE, header(image.width, image.height, 6), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

describe('PNG encoding and decoding', () => {
  it('round-trips RGBA pixels and reports the header', () => {
    const image = gradient(6, 5);
    const png = encodePng(image);
    assert.deepEqual(readPngHeader(png), { width: 6, height: 5, bitDepth: 8, colourType: 6, interlaced: false });
    assert.deepEqual(decodePng(png), image);
  });

  it('undoes all five row filters', () => {
    const image = gradient(6, 10);
    assert.deepEqual(decodePng(filteredPng(image)).data, image.data);
  });

  it('reads palette images with transparency', () => {
    const png = Buffer.concat([
      PNG_SIGNATURE,
      header(2, 1, 3),
      chunk('PLTE', Buffer.from([255, 255, 255, 10, 20, 30])),
      chunk('tRNS', Buffer.from([0])),
      chunk('IDAT', deflateSync(Buffer.from([0, 0, 1]))),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    assert.deepEqual([...decodePng(png).data], [255, 255, 255, 0, 10, 20, 30, 255]);
  });

  it('rejects what is not a PNG or is damaged', () => {
    assert.throws(() => readPngHeader(Buffer.from('not a png at all')), PngFormatError);
    const damaged = encodePng(gradient(2, 2));
    damaged[20] ^= 0xff; // inside IHDR: its CRC no longer matches
    assert.throws(() => decodePng(damaged), /bad CRC in chunk IHDR/);
  });
});
