import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths';

const root = projectRoot();
const runCheck = (...args: string[]) =>
  spawnSync('npm', ['run', '--silent', 'content:check', ...(args.length ? ['--', ...args] : [])], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('npm run content:check', () => {
  it('exits 0 and summarises the shipped content', () => {
    const r = runCheck();
    expect(r.stdout.trim()).toMatch(
      /^Content OK: 7 behaviours, \d+ nudges \(GP \d+, nurse or other clinician \d+, practice manager \d+, clerical or reception \d+, other \d+\), 82 courses \(77 offerable, \d+ can be suggested\)$/,
    );
    expect(r.status).toBe(0);
  });

  it('exits 1 and prints the problem for a broken folder', () => {
    const r = runCheck('--dir', join(root, 'test', 'fixtures', 'content-broken', 'non-https-url'));
    expect(r.stderr).toContain('- courses.json: course "edward-jenner" field "url": must be an https:// URL');
    expect(r.status).toBe(1);
  });
});
