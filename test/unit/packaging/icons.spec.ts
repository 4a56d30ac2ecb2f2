import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkColorIcon, checkOutlineIcon, countOutlinePixels } from '../../../tools/packaging/icon-checks';
import { ACCENT_COLOR, drawColorIcon, drawOutlineIcon } from '../../../tools/packaging/icon-drawing';
import { decodePng, encodePng } from '../../../tools/packaging/png-files';
import { findRepoRoot } from '../../../tools/packaging/repo-root';
import { createRgbaImage, hexToRgba, pixelAt } from '../../../tools/packaging/rgba-image';

const manifestDir = path.join(findRepoRoot(__dirname), 'teamsAppManifest');
const colorPng = readFileSync(path.join(manifestDir, 'color.png'));
const outlinePng = readFileSync(path.join(manifestDir, 'outline.png'));
const manifest = JSON.parse(readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8')) as { accentColor: string; icons: object };

describe('Teams icons', () => {
  it('the manifest names color.png and outline.png', () => {
    assert.deepEqual(manifest.icons, { color: 'color.png', outline: 'outline.png' });
  });

  it('color.png is a 192×192 PNG on the accent colour, with a white symbol', () => {
    assert.deepEqual(decodePng(colorPng).header, { width: 192, height: 192, bitDepth: 8, colourType: 6, interlaced: false });
    const image = decodePng(colorPng);
    assert.equal(manifest.accentColor.toLowerCase(), ACCENT_COLOR.toLowerCase());
    assert.deepEqual(pixelAt(image, 0, 0), hexToRgba(ACCENT_COLOR));
    assert.deepEqual(pixelAt(image, 96, 30), [255, 255, 255, 255]); // inside the shield, above the key
    assert.deepEqual(checkColorIcon('color.png', colorPng), []);
  });

  it('outline.png is 32×32, white on transparent: every pixel fully transparent or white', () => {
    assert.deepEqual(decodePng(outlinePng).header, { width: 32, height: 32, bitDepth: 8, colourType: 6, interlaced: false });
    const image = decodePng(outlinePng);
    const counts = countOutlinePixels(image);
    assert.equal(counts.notWhite, 0);
    assert.equal(pixelAt(image, 0, 0)[3], 0, 'the background is transparent');
    assert.ok(counts.transparent > 0 && counts.transparent < 32 * 32, 'something is drawn');
    assert.deepEqual(checkOutlineIcon('outline.png', outlinePng), []);
  });

  it('the committed PNGs are what the icon drawing makes (regenerate with generate-icons)', () => {
    assert.deepEqual(decodePng(colorPng).data, drawColorIcon().data);
    assert.deepEqual(decodePng(outlinePng).data, drawOutlineIcon().data);
  });

  it('the checks name a wrong size, a grey pixel and a missing background', () => {
    assert.deepEqual(checkColorIcon('color.png', outlinePng), ['color.png: is 32×32 pixels; Teams needs 192×192']);
    const grey = createRgbaImage(32, 32);
    grey.data.set([128, 128, 128, 255], (3 * 32 + 5) * 4);
    assert.match(checkOutlineIcon('outline.png', encodePng(grey)).join('\n'), /1 pixel\(s\) are neither fully transparent nor white, first at \(5, 3\)/);
    const opaque = createRgbaImage(32, 32, [255, 255, 255, 255]);
    assert.deepEqual(checkOutlineIcon('outline.png', encodePng(opaque)), [
      'outline.png: has no transparent pixels; an outline icon needs a transparent background',
    ]);
    assert.match(checkOutlineIcon('outline.png', Buffer.from('GIF89a')).join(), /not a valid PNG image/);
  });
});
