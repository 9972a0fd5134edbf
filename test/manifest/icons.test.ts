import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { drawIcon } from '../../scripts/make-icons';

const MANIFEST_DIR = join(__dirname, '..', '..', 'manifest');

describe('committed icons', () => {
  it('are the ones scripts/make-icons.ts draws', () => {
    const color = PNG.sync.read(readFileSync(join(MANIFEST_DIR, 'color.png')));
    const outline = PNG.sync.read(readFileSync(join(MANIFEST_DIR, 'outline.png')));
    expect(color.data.equals(PNG.sync.read(drawIcon(192, { r: 0x00, g: 0x5e, b: 0xb8 })).data)).toBe(true);
    expect(outline.data.equals(PNG.sync.read(drawIcon(32)).data)).toBe(true);
  });

  it('have an opaque NHS-blue colour icon and a white-on-transparent outline', () => {
    const color = PNG.sync.read(readFileSync(join(MANIFEST_DIR, 'color.png')));
    expect([...color.data.subarray(0, 4)]).toEqual([0x00, 0x5e, 0xb8, 255]);
    const outline = PNG.sync.read(readFileSync(join(MANIFEST_DIR, 'outline.png')));
    const alphas = new Set<number>();
    for (let i = 0; i < outline.data.length; i += 4) {
      if (outline.data[i + 3]! > 0) expect([...outline.data.subarray(i, i + 3)]).toEqual([255, 255, 255]);
      alphas.add(outline.data[i + 3]!);
    }
    expect(alphas.has(0)).toBe(true);
    expect(alphas.has(255)).toBe(true);
  });
});
