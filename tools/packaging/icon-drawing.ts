/**
 * Draws Token Guard's two Teams icons from the shapes in icon-geometry:
 * - color.png 192×192: white shield with an accent-coloured QR key, on the accent colour;
 * - outline.png 32×32: the same symbol in white on transparent (Teams tints it), only white and
 *   transparent pixels, edges smoothed by coverage alpha.
 */
import { COLOR_ICON_PIXELS, OUTLINE_ICON_PIXELS } from './icon-checks';
import { SHIELD, difference, insetShield, qrKey, shield, type Shape } from './icon-geometry';
import { createRgbaImage, hexToRgba, type Rgba, type RgbaImage } from './rgba-image';

/** The manifest's accentColor; the colour icon's background. */
export const ACCENT_COLOR = '#3a4bb5';

const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [255, 255, 255, 0];

interface Layer {
  shape: Shape;
  colour: Rgba;
}

export function drawColorIcon(size = COLOR_ICON_PIXELS): RgbaImage {
  const accent = hexToRgba(ACCENT_COLOR);
  return render(size, accent, [
    { shape: shield(SHIELD), colour: WHITE },
    { shape: qrKey(0.5, 0.25, 0.034), colour: accent },
  ]);
}

/**
 * Laid out on the 32-pixel grid (one QR module = one pixel, centre on the middle of pixel 15) so
 * that edges are whole pixels: at this size smoothed edges would read as grey.
 */
export function drawOutlineIcon(size = OUTLINE_ICON_PIXELS): RgbaImage {
  const px = 1 / size;
  const outline = { centreX: 15.5 * px, halfWidth: 10.5 * px, top: 3 * px, shoulder: 16 * px, tip: 30 * px, cornerRadius: 3 * px };
  return render(size, CLEAR, [
    { shape: difference(shield(outline), shield(insetShield(outline, 2 * px))), colour: WHITE },
    { shape: qrKey(15.5 * px, 7 * px, px, 1), colour: WHITE },
  ]);
}

/**
 * Each pixel is sampled on a 4×4 grid; a sample takes the colour of the topmost layer covering it,
 * and the pixel is the premultiplied average of its samples (smooth edges, exact flat areas).
 */
function render(size: number, background: Rgba, layers: Layer[], samplesPerAxis = 4): RgbaImage {
  const image = createRgbaImage(size, size);
  const n = samplesPerAxis * samplesPerAxis;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samplesPerAxis; sy++) {
        for (let sx = 0; sx < samplesPerAxis; sx++) {
          const x = (px + (sx + 0.5) / samplesPerAxis) / size;
          const y = (py + (sy + 0.5) / samplesPerAxis) / size;
          let colour = background;
          for (const layer of layers) if (layer.shape(x, y)) colour = layer.colour;
          r += colour[0] * colour[3];
          g += colour[1] * colour[3];
          b += colour[2] * colour[3];
          a += colour[3];
        }
      }
      const pixel: Rgba = a === 0 ? CLEAR : [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round(a / n)];
      image.data.set(pixel, (py * size + px) * 4);
    }
  }
  return image;
}
