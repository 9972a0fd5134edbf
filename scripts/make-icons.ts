/**
 * Draws the Teams app icons into manifest/: color.png (192x192, NHS blue with a white mark) and
 * outline.png (32x32, white on transparent). The mark is three people in a circle around an
 * upward chevron: collective leadership, nudged a little forward. Run: npx ts-node scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

type Shape = (x: number, y: number) => boolean;

const NHS_BLUE = { r: 0x00, g: 0x5e, b: 0xb8 };
const SAMPLES = 4; // supersampling per axis, for smooth edges

function disc(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function ring(cx: number, cy: number, r: number, width: number): Shape {
  return (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= width / 2;
}

function segment(ax: number, ay: number, bx: number, by: number, width: number): Shape {
  return (x, y) => {
    const [dx, dy] = [bx - ax, by - ay];
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= width / 2;
  };
}

/** The mark in a unit box (0..1), scaled to `size`. Gaps in the ring sit under each person. */
function mark(size: number, bold: boolean): Shape {
  const s = size;
  const c = s / 2;
  const r = s * 0.33;
  const stroke = s * (bold ? 0.085 : 0.055);
  const head = s * (bold ? 0.1 : 0.085);
  const angles = [-90, 30, 150].map((a) => (a * Math.PI) / 180);
  const people = angles.map((a) => disc(c + r * Math.cos(a), c + r * Math.sin(a), head));
  const gaps = angles.map((a) => disc(c + r * Math.cos(a), c + r * Math.sin(a), head * 1.6));
  const circle = ring(c, c, r, stroke);
  const chevron = [
    segment(c - s * 0.11, c + s * 0.07, c, c - s * 0.05, stroke),
    segment(c, c - s * 0.05, c + s * 0.11, c + s * 0.07, stroke),
  ];
  return (x, y) =>
    people.some((p) => p(x, y)) || (circle(x, y) && !gaps.some((g) => g(x, y))) || chevron.some((p) => p(x, y));
}

/** Fraction (0..1) of the pixel at (px, py) covered by the shape. */
function coverage(shape: Shape, px: number, py: number): number {
  let hits = 0;
  for (let i = 0; i < SAMPLES; i++)
    for (let j = 0; j < SAMPLES; j++) if (shape(px + (i + 0.5) / SAMPLES, py + (j + 0.5) / SAMPLES)) hits++;
  return hits / (SAMPLES * SAMPLES);
}

/** Renders an icon: white mark over `background`, or over transparency when background is undefined. */
export function drawIcon(size: number, background?: { r: number; g: number; b: number }): Buffer {
  const png = new PNG({ width: size, height: size });
  const shape = mark(size, size >= 64);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(shape, x, y);
      const i = (y * size + x) * 4;
      if (background) {
        png.data[i] = Math.round(background.r + (255 - background.r) * a);
        png.data[i + 1] = Math.round(background.g + (255 - background.g) * a);
        png.data[i + 2] = Math.round(background.b + (255 - background.b) * a);
        png.data[i + 3] = 255;
      } else {
        png.data.fill(255, i, i + 3);
        png.data[i + 3] = Math.round(255 * a);
      }
    }
  }
  return PNG.sync.write(png);
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'manifest');
  writeFileSync(join(dir, 'color.png'), drawIcon(192, NHS_BLUE));
  writeFileSync(join(dir, 'outline.png'), drawIcon(32));
  console.log(`Wrote ${dir}/color.png (192x192) and outline.png (32x32)`);
}
