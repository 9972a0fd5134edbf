#!/usr/bin/env node
// The `nudges` command (package.json "bin"): builds when needed, then runs the CLI in dist/.
const { join } = require('node:path');
const { buildIfNeeded, root } = require('./build-if-needed');

buildIfNeeded();
const { runCli } = require(join(root, 'dist', 'src', 'cli', 'index.js'));
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
