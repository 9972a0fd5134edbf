import { PNG } from 'pngjs';
import { PackageError } from './errors';

/** What Teams requires of each icon: its size, and for the outline icon, white on transparent. */
export interface IconRule {
  file: string;
  size: number;
  whiteOnTransparent?: boolean;
}

export const ICON_RULES: IconRule[] = [
  { file: 'color.png', size: 192 },
  { file: 'outline.png', size: 32, whiteOnTransparent: true },
];

/** Throws BAD_ICON unless `png` is a PNG of the rule's size (and, for outlines, only white or transparent pixels). */
export function checkIcon(png: Buffer, rule: IconRule): void {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch (err) {
    throw new PackageError('BAD_ICON', `${rule.file} is not a readable PNG: ${(err as Error).message}`);
  }
  if (image.width !== rule.size || image.height !== rule.size) {
    throw new PackageError(
      'BAD_ICON',
      `${rule.file} must be ${rule.size}x${rule.size} pixels, it is ${image.width}x${image.height}. Run: npx ts-node scripts/make-icons.ts`,
    );
  }
  if (rule.whiteOnTransparent && !isWhiteOnTransparent(image.data)) {
    throw new PackageError('BAD_ICON', `${rule.file} must be white on a transparent background.`);
  }
}

function isWhiteOnTransparent(rgba: Buffer): boolean {
  for (let i = 0; i < rgba.length; i += 4) {
    const visible = (rgba[i + 3] ?? 0) > 0;
    if (visible && ((rgba[i] ?? 0) < 250 || (rgba[i + 1] ?? 0) < 250 || (rgba[i + 2] ?? 0) < 250)) return false;
  }
  return true;
}
