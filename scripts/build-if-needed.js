// Builds dist/ with tsc when it is missing or older than any file under src/ (so `npm start` works on a fresh clone).
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** `quiet`: say nothing unless tsc fails (tests, whose green run prints only progress). */
function buildIfNeeded(options = {}) {
  const entry = join(root, 'dist', 'src', 'index.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newest(join(root, 'src'))) return;
  if (!options.quiet) process.stderr.write('Building (tsc)...\n');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
    cwd: root,
  });
}

module.exports = { buildIfNeeded, root };
