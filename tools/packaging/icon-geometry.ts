/**
 * The Token Guard symbol as shapes in a unit square (x right, y down, 0..1): a shield, and a key
 * whose bow is a QR-code finder pattern — the token being guarded is the enrollment QR code.
 * Each shape answers "is this point inside?", so any raster size can be drawn from it.
 */
export type Shape = (x: number, y: number) => boolean;

export interface ShieldOutline {
  centreX: number;
  /** Half the width of the straight part. */
  halfWidth: number;
  top: number;
  /** Where the straight sides start to curve in. */
  shoulder: number;
  /** The point at the bottom. */
  tip: number;
  cornerRadius: number;
}

export const SHIELD: ShieldOutline = { centreX: 0.5, halfWidth: 0.3, top: 0.14, shoulder: 0.5, tip: 0.9, cornerRadius: 0.07 };

export function shield(outline: ShieldOutline): Shape {
  const { centreX, halfWidth: w, top, shoulder, tip, cornerRadius: r } = outline;
  return (x, y) => {
    const dx = Math.abs(x - centreX);
    if (y < top || y > tip) return false;
    if (y < shoulder) {
      if (dx > w) return false;
      // Rounded top corners.
      if (y < top + r && dx > w - r) return Math.hypot(dx - (w - r), y - (top + r)) <= r;
      return true;
    }
    const u = (y - shoulder) / (tip - shoulder);
    return dx <= w * (1 - Math.pow(u, 1.7));
  };
}

/** The same shield moved inwards by `inset` on every side (near enough for a stroke). */
export function insetShield(outline: ShieldOutline, inset: number): ShieldOutline {
  return {
    centreX: outline.centreX,
    halfWidth: outline.halfWidth - inset,
    top: outline.top + inset,
    shoulder: outline.shoulder,
    tip: outline.tip - inset * 1.9,
    cornerRadius: Math.max(0, outline.cornerRadius - inset),
  };
}

export function rectangle(left: number, top: number, right: number, bottom: number): Shape {
  return (x, y) => x >= left && x <= right && y >= top && y <= bottom;
}

export function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((shape) => shape(x, y));
}

export function difference(shape: Shape, hole: Shape): Shape {
  return (x, y) => shape(x, y) && !hole(x, y);
}

/**
 * A key standing upright: the bow is a QR finder pattern (7 modules: ring, gap, 3×3 centre),
 * then a shaft with two teeth to the right. `module` is one QR module's size; every edge sits a
 * whole or half module from `centreX`, so with a one-pixel module and a centre on a pixel's middle
 * the key lands exactly on the pixel grid.
 */
export function qrKey(centreX: number, bowTop: number, module: number, shaftModules = 1.5): Shape {
  const m = module;
  const bowBottom = bowTop + 7 * m;
  const ring = difference(
    rectangle(centreX - 3.5 * m, bowTop, centreX + 3.5 * m, bowBottom),
    rectangle(centreX - 2.5 * m, bowTop + m, centreX + 2.5 * m, bowBottom - m),
  );
  const centre = rectangle(centreX - 1.5 * m, bowTop + 2 * m, centreX + 1.5 * m, bowTop + 5 * m);
  const shaftHalf = (shaftModules / 2) * m;
  const shaftBottom = bowBottom + 8 * m;
  const shaft = rectangle(centreX - shaftHalf, bowBottom, centreX + shaftHalf, shaftBottom);
  const lowerTooth = rectangle(centreX, shaftBottom - 2 * m, centreX + 3.5 * m, shaftBottom);
  const upperTooth = rectangle(centreX, shaftBottom - 4 * m, centreX + 2.5 * m, shaftBottom - 3 * m);
  return union(ring, centre, shaft, lowerTooth, upperTooth);
}
