// `npm run playground`: builds, starts the bot on the embedded store, and Microsoft's Teams emulator
// (Microsoft 365 Agents Playground) pointed at it. Open the printed URL in a browser.
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { buildIfNeeded, root } = require('./build-if-needed');

const botPort = Number(process.env.PORT || 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT || 56150);

buildIfNeeded();

const bot = spawn(process.execPath, [join(root, 'dist', 'src', 'index.js')], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: String(botPort),
    STORE: process.env.STORE || 'embedded',
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL || `http://127.0.0.1:${botPort}`,
  },
});

const playgroundBin = join(root, 'node_modules', '.bin', 'agentsplayground');
const args = [
  'start',
  '--dt',
  '-c',
  'msteams',
  '-e',
  `http://127.0.0.1:${botPort}/api/messages`,
  '-p',
  String(playgroundPort),
];
if (process.env.PLAYGROUND_CONVERSATION_ID) args.push('--conversation-id', process.env.PLAYGROUND_CONVERSATION_ID);
const playground = spawn(playgroundBin, args, {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
});
playground.stdout.on('data', (chunk) => process.stdout.write(chunk));

setTimeout(() => {
  process.stdout.write(
    `\n  Leadership Nudges is running with Microsoft 365 Agents Playground (Teams emulator).\n  Open http://localhost:${playgroundPort} in your browser, then type "help".\n  Press Ctrl+C to stop.\n\n`,
  );
}, 3000);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  playground.kill('SIGTERM');
  bot.kill('SIGTERM');
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
bot.on('exit', (code) => {
  if (!stopping) {
    process.stderr.write(`The bot stopped (exit code ${code}).\n`);
    stop();
  }
});
playground.on('exit', () => {
  if (!stopping) stop();
});
