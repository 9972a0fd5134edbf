import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths';

const root = projectRoot();

interface CheckRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run content:check` as its own process; resolves when it exits. */
const runCheck = (...args: string[]): Promise<CheckRun> =>
  new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'content:check', ...(args.length ? ['--', ...args] : [])], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });

describe('npm run content:check', () => {
  // Both runs start at once (each is a process that mostly loads TypeScript); each test awaits its own.
  let shipped: Promise<CheckRun>;
  let broken: Promise<CheckRun>;
  beforeAll(() => {
    shipped = runCheck();
    broken = runCheck('--dir', join(root, 'test', 'fixtures', 'content-broken', 'non-https-url'));
  });

  it('exits 0 and summarises the shipped content', async () => {
    const r = await shipped;
    expect(r.stdout.trim()).toMatch(
      /^Content OK: 7 behaviours, \d+ nudges \(GP \d+, nurse or other clinician \d+, practice manager \d+, clerical or reception \d+, other \d+\), 82 courses \(77 offerable, \d+ can be suggested\)$/,
    );
    expect(r.status).toBe(0);
  }, 60_000);

  it('exits 1 and prints the problem for a broken folder', async () => {
    const r = await broken;
    expect(r.stderr).toContain('- courses.json: course "edward-jenner" field "url": must be an https:// URL');
    expect(r.status).toBe(1);
  }, 60_000);
});
