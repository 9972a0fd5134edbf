import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths';

/** Where the fault and security tests leave their figures (copied into the README). */
export const RELIABILITY_FILE = join(projectRoot(), 'test-results', 'reliability.json');

/** One test file's figures: counts of faults injected, requests sent, duplicates found, etc. */
export type Figures = Record<string, number | string | boolean>;

function withLock<T>(fn: () => T): T {
  const lock = `${RELIABILITY_FILE}.lock`;
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { force: true }); // a stale lock from a killed run
      const until = Date.now() + 10;
      while (Date.now() < until) {
        // spin briefly: jest workers write at most a few times per run
      }
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * Merges `figures` under `section` into test-results/reliability.json (other sections are kept),
 * stamping the time of the run, so the README's figures come from a real run.
 */
export function recordFigures(section: string, figures: Figures): void {
  mkdirSync(join(projectRoot(), 'test-results'), { recursive: true });
  withLock(() => {
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(readFileSync(RELIABILITY_FILE, 'utf8')) as Record<string, unknown>;
    } catch {
      // first writer
    }
    all[section] = { ...figures, recordedAt: new Date().toISOString() };
    writeFileSync(RELIABILITY_FILE, `${JSON.stringify(all, null, 2)}\n`);
  });
}
