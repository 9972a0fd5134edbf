#!/usr/bin/env node
// `npm test`: one tsc pass type-checks everything (src, test, scripts, bench) and builds dist/ (the
// tests that run the bot as its own process need it), while jest runs beside it. Serially the
// type-check alone held jest back by 17-30 s on two cores; side by side, tsc uses the time jest
// spends waiting. Jest's arguments pass through (`npm test -- test/bot`). Fails if either fails.
const { spawn } = require('node:child_process');
const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { lockPath, root } = require('./build-if-needed');

/** Runs a node script; resolves with its exit code and, when `capture`, its output. */
function run(script, args, { capture }) {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: root,
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  let output = '';
  if (capture) {
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
  }
  return new Promise((resolve) => {
    child.once('error', (err) => resolve({ code: 1, output: `${output}${err.message}\n` }));
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function main() {
  // Tests that need dist/ wait for this lock (scripts/build-if-needed.js) rather than build it twice.
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(lockPath, String(process.pid));
  const typecheck = run(require.resolve('typescript/bin/tsc'), ['-p', 'tsconfig.json'], { capture: true }).finally(() =>
    rmSync(lockPath, { force: true }),
  );
  const jest = run(require.resolve('jest/bin/jest'), process.argv.slice(2), { capture: false });
  const [checked, tested] = await Promise.all([typecheck, jest]);
  if (checked.code !== 0) {
    process.stderr.write(`\nType-check (tsc -p tsconfig.json) failed:\n${checked.output}`);
  }
  process.exitCode = checked.code !== 0 || tested.code !== 0 ? 1 : 0;
}

process.once('exit', () => rmSync(lockPath, { force: true }));
main().catch((err) => {
  rmSync(lockPath, { force: true });
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exitCode = 1;
});
