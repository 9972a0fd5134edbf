import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/paths';

/** One benchmark run's figures plus the markdown that presents them. */
export interface ResultSection {
  markdown: string;
  [figure: string]: unknown;
}

/**
 * Stores `section` under `key` in bench/results.json, keeping every other run's figures (delivery,
 * multi-instance, Cosmos, inbound), and rewrites bench/results.md from all sections in key order.
 */
export function mergeResults(key: string, section: ResultSection): void {
  const dir = join(projectRoot(), 'bench');
  const jsonPath = join(dir, 'results.json');
  let all: Record<string, ResultSection> = {};
  if (existsSync(jsonPath)) {
    const parsed = JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, unknown>;
    // Files from before sections existed held one delivery run at the top level: start afresh.
    if (parsed.runs && typeof parsed.runs === 'object') all = parsed.runs as Record<string, ResultSection>;
  }
  all[key] = section;
  const sorted = Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(jsonPath, `${JSON.stringify({ runs: sorted }, null, 2)}\n`);
  const md = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` and `npm run bench:inbound`; see bench/DELIVERY.md.',
    '',
  ];
  for (const [k, s] of Object.entries(sorted)) md.push(`<!-- ${k} -->`, s.markdown, '');
  writeFileSync(join(dir, 'results.md'), md.join('\n'));
}
