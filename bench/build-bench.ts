import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/paths';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Compiles src/, bench/ and test/support/ to dist/ (tsconfig.bench.json) when any source is newer
 * than the compiled benchmark processes, and returns the folder of the compiled bench/ scripts.
 * The measured processes run compiled JS: ts-node's compiler would add ~100 MB of RSS and CPU.
 */
export function buildBenchIfNeeded(): string {
  const root = projectRoot();
  const out = join(root, 'dist', 'bench');
  const marker = join(out, 'tick-process.js');
  const sources = Math.max(...['src', 'bench', join('test', 'support')].map((d) => newest(join(root, d))));
  if (!existsSync(marker) || statSync(marker).mtimeMs < sources) {
    process.stderr.write('Building the benchmark (tsc -p tsconfig.bench.json)...\n');
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.bench.json')], {
        stdio: 'inherit',
        cwd: root,
      });
    } catch {
      // tsc still emits when another part has a type error mid-edit; the files are what we need.
      if (!existsSync(marker)) throw new Error('benchmark build failed');
    }
  }
  return out;
}
