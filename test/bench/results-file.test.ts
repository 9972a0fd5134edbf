/**
 * Benchmarks leave `git status` clean unless asked to update the tracked results, and a missed target
 * makes the run fail instead of ending with exit code 0.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgeTargets, mergeResults, resultsDir } from '../../bench/results-file';
import { projectRoot } from '../../src/paths';

describe('benchmark results', () => {
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  afterAll(() => errors.mockRestore());

  it('go to a git-ignored folder by default, and to bench/ only with --write-results or BENCH_WRITE_RESULTS=1', () => {
    expect(resultsDir(['node', 'bench/delivery.ts'], {})).toBe(join(projectRoot(), 'test-results', 'bench'));
    expect(readFileSync(join(projectRoot(), '.gitignore'), 'utf8')).toMatch(/^test-results\/$/m);
    expect(resultsDir(['node', 'bench/delivery.ts', '--write-results'], {})).toBe(join(projectRoot(), 'bench'));
    expect(resultsDir(['node', 'x'], { BENCH_WRITE_RESULTS: '1' })).toBe(join(projectRoot(), 'bench'));
  });

  it('keep other runs when one section is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
    mergeResults('b-run', { markdown: '## B' }, dir);
    mergeResults('a-run', { markdown: '## A' }, dir);
    expect(readFileSync(join(dir, 'results.md'), 'utf8')).toMatch(/## A[\s\S]*## B/);
    expect(Object.keys((JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { runs: object }).runs)).toEqual(
      ['a-run', 'b-run'],
    );
  });

  it('a missed target is named in the results and sets a non-zero exit code; all met leaves it alone', () => {
    const before = process.exitCode;
    try {
      process.exitCode = undefined;
      expect(judgeTargets([{ name: 'own throughput', met: true, detail: '1200 nudges/s against >= 1000/s' }])).toBe('');
      expect(process.exitCode).toBeUndefined();
      const line = judgeTargets([
        { name: 'own throughput', met: false, detail: '788 nudges/s against >= 1000/s' },
        { name: 'duplicates', met: true, detail: '0 against 0' },
      ]);
      expect(line).toContain('**Missed targets:** own throughput (788 nudges/s against >= 1000/s).');
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = before;
    }
  });
});
