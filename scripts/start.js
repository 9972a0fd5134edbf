// `npm start`: build when needed, then run the bot (embedded store unless STORE says otherwise).
const { buildIfNeeded, root } = require('./build-if-needed');
const { join } = require('node:path');

buildIfNeeded();
process.chdir(root);
require(join(root, 'dist', 'src', 'index.js'));
