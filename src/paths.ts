import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project's root folder (the one holding package.json), whether running from src/ via ts-node or from dist/. */
export function projectRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'cards'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Could not find the project root above ${start}`);
    dir = parent;
  }
}
