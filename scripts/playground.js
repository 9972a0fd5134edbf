/* global fetch */
// `npm run playground`: builds, starts the bot on the embedded store, and Microsoft's Teams emulator
// (Microsoft 365 Agents Playground) pointed at it. Prints the URL to open once both answer.
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { buildIfNeeded, root } = require('./build-if-needed');
const {
  checkConfigFile,
  checkPortFree,
  emulatorConfigPath,
  emulatorFailureReason,
  emulatorLogPath,
} = require('./playground-checks');

const botPort = Number(process.env.PORT || 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT || 56150);
const botUrl = `http://127.0.0.1:${botPort}`;

async function main() {
  // Before anything starts: a busy bot port would let the health check reach the OTHER process and
  // announce "running" for a bot that then fails (exit code 4, as `npm start` does).
  const busy = await checkPortFree(botPort, process.env.HOST || '127.0.0.1');
  if (busy) {
    process.stderr.write(`${busy}\n`);
    process.exit(4);
  }
  const badConfig = checkConfigFile(process.env, root);
  if (badConfig) {
    process.stderr.write(`${badConfig}\n`);
    process.exit(2);
  }
  buildIfNeeded();
  start();
}

let bot;
let playground;
const logPath = emulatorLogPath(process.env, root);
// The emulator starts its log afresh each run: only a log written since this start is read back.
const startedAt = Date.now() - 1000;

function start() {
  bot = spawn(process.execPath, [join(root, 'dist', 'src', 'index.js')], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: String(botPort),
      STORE: process.env.STORE || 'embedded',
      PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL || botUrl,
    },
  });

  // Run the playground's own script with this Node (no shell wrapper, so stopping it stops it).
  const playgroundCli = join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  const args = [
    playgroundCli,
    'start',
    '--dt',
    '-c',
    'msteams',
    '-e',
    `${botUrl}/api/messages`,
    '-p',
    String(playgroundPort),
  ];
  if (process.env.PLAYGROUND_CONVERSATION_ID) args.push('--conversation-id', process.env.PLAYGROUND_CONVERSATION_ID);
  playground = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
  });

  // The playground takes another port when the one asked for is busy, and says which: read it.
  let listeningPort;
  let output = '';
  playground.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (listeningPort) return;
    output = (output + chunk.toString()).slice(-2000);
    const match = /Listening on (\d+)/.exec(output);
    if (match) {
      listeningPort = Number(match[1]);
      void announceWhenBotReady(listeningPort);
    }
  });

  bot.on('exit', (code) => {
    if (!stopping) {
      process.stderr.write(
        `The bot stopped (exit code ${code}). Is port ${botPort} already in use? Set PORT to another.\n`,
      );
      stop(1);
    }
  });
  playground.on('exit', (code) => {
    if (!stopping) {
      // The emulator writes why it stopped (e.g. a bad config file) to its log, not to the terminal.
      const reason = emulatorFailureReason(logPath, startedAt);
      process.stderr.write(
        `The Teams emulator stopped (exit code ${code}).\n` +
          (reason ? `It said:\n${reason}\n` : `See ${logPath}.\n`) +
          `Its config file: ${emulatorConfigPath(process.env, root)} (README, "Try the bot as other people").\n`,
      );
      stop(1);
    }
  });
}

async function announceWhenBotReady(listeningPort) {
  const deadline = Date.now() + 60_000;
  while (!stopping && Date.now() < deadline) {
    try {
      const res = await fetch(`${botUrl}/healthz`);
      // Only our own bot counts: an answer while it has already stopped came from another process.
      if (res.ok && bot.exitCode === null) {
        process.stdout.write(
          `\n  Leadership Nudges is running with Microsoft 365 Agents Playground (Teams emulator).\n  Open http://localhost:${listeningPort} in your browser, then type "help".\n  Press Ctrl+C to stop.\n\n`,
        );
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!stopping) process.stderr.write(`The bot did not answer on ${botUrl}/healthz within 60 s; see its log above.\n`);
}

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  playground?.kill('SIGTERM');
  bot?.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5000).unref();
}
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());

main().catch((err) => {
  process.stderr.write(`${err && err.message ? err.message : err}\n`);
  process.exit(1);
});
