// Builds dist/ with tsc when it is missing or older than any file under src/ (so `npm start` works on a fresh clone).
const { existsSync, readFileSync, rmSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');
/** Held (holding the builder's pid) while `npm test` builds dist/ beside its tests: see scripts/run-tests.js. */
const lockPath = join(root, 'dist', '.build-lock');
const LOCK_WAIT_MS = 10 * 60_000;

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** The pid holding the build lock, if that process still runs. */
function lockHolder() {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8'));
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) return pid;
  } catch {
    return undefined;
  }
  rmSync(lockPath, { force: true }); // left by a build that was killed
  return undefined;
}

/** Waits (blocking, as the callers are synchronous) until no other process is building dist/. */
function waitForOtherBuild() {
  const until = Date.now() + LOCK_WAIT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (lockHolder() !== undefined) {
    if (Date.now() > until) throw new Error(`dist/ is still being built by another process (${lockPath})`);
    Atomics.wait(pause, 0, 0, 100);
  }
}

/** `quiet`: say nothing unless tsc fails (tests, whose green run prints only progress). */
function buildIfNeeded(options = {}) {
  waitForOtherBuild();
  const entry = join(root, 'dist', 'src', 'index.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newest(join(root, 'src'))) return;
  if (!options.quiet) process.stderr.write('Building (tsc)...\n');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
    cwd: root,
  });
}

module.exports = { buildIfNeeded, lockPath, root };
