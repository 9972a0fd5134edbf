import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/paths';

/** One benchmark run's figures plus the markdown that presents them. */
export interface ResultSection {
  markdown: string;
  [figure: string]: unknown;
}

/**
 * Where a run's results go: by default test-results/bench/ (git-ignored), so running a benchmark
 * leaves `git status` clean; the tracked bench/results.json and bench/results.md only with
 * `--write-results` or BENCH_WRITE_RESULTS=1, when the figures are meant to be committed.
 */
export function resultsDir(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): string {
  const tracked = argv.includes('--write-results') || env.BENCH_WRITE_RESULTS === '1';
  return tracked ? join(projectRoot(), 'bench') : join(projectRoot(), 'test-results', 'bench');
}

/**
 * Stores `section` under `key` in results.json (in {@link resultsDir}), keeping every other run's
 * figures (delivery, multi-instance, Cosmos, inbound), and rewrites results.md from all sections in key
 * order. Returns the directory written.
 */
export function mergeResults(key: string, section: ResultSection, dir: string = resultsDir()): string {
  mkdirSync(dir, { recursive: true });
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
    'Written by `npm run bench`, `npm run bench:inbound` and `npm run bench:rollout` with `--write-results`; see bench/DELIVERY.md.',
    '',
  ];
  for (const [k, s] of Object.entries(sorted)) md.push(`<!-- ${k} -->`, s.markdown, '');
  writeFileSync(join(dir, 'results.md'), md.join('\n'));
  console.error(`Results written to ${dir} (results.json, results.md).`);
  return dir;
}

/** One target a benchmark states in its table, and whether this run met it. */
export interface Target {
  name: string;
  met: boolean;
  /** e.g. '788 nudges/s against >= 1000/s' */
  detail: string;
}

/**
 * Judges a run against its targets: returns a markdown line naming every missed one (empty when all
 * were met), says each on stderr, and sets a non-zero exit code, so a missed target never passes as rc 0.
 */
export function judgeTargets(targets: readonly Target[]): string {
  const missed = targets.filter((t) => !t.met);
  if (missed.length === 0) return '';
  for (const t of missed) console.error(`MISSED TARGET: ${t.name}: ${t.detail}`);
  process.exitCode = 1;
  return `\n\n**Missed targets:** ${missed.map((t) => `${t.name} (${t.detail})`).join('; ')}.`;
}
