// Checks `npm run playground` makes before and after starting (scripts/playground.js), kept apart so
// they can be tested: a busy bot port, a missing emulator config file, and why the emulator stopped.
const { createServer } = require('node:net');
const { existsSync, readFileSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

/** Resolves with an error message when `port` on `host` cannot be listened on (taken), else undefined. */
function checkPortFree(port, host = '127.0.0.1') {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', (err) =>
      done(
        err && err.code === 'EADDRINUSE'
          ? `Port ${port} on ${host} is already in use (another copy of the bot, or another program), so the bot cannot start there.\n` +
              `Stop that program, or choose other ports, e.g. PORT=${port + 1} PLAYGROUND_PORT=56151 npm run playground`
          : `Cannot listen on ${host}:${port} (${err && err.code ? err.code : 'error'}). Set PORT to another port.`,
      ),
    );
    probe.once('listening', () => probe.close(() => done(undefined)));
    probe.listen(port, host);
  });
}

/** The emulator's config file: M365_AGENTS_PLAYGROUND_CONFIG_PATH, else .m365agentsplayground.yml where it runs. */
function emulatorConfigPath(env, cwd) {
  return env.M365_AGENTS_PLAYGROUND_CONFIG_PATH
    ? resolve(cwd, env.M365_AGENTS_PLAYGROUND_CONFIG_PATH)
    : join(cwd, '.m365agentsplayground.yml');
}

/** An error message when a config file was named but is not there, else undefined. */
function checkConfigFile(env, cwd) {
  if (!env.M365_AGENTS_PLAYGROUND_CONFIG_PATH) return undefined;
  const path = emulatorConfigPath(env, cwd);
  if (!existsSync(path))
    return `M365_AGENTS_PLAYGROUND_CONFIG_PATH names ${path}, which does not exist. Fix the path, or unset it to use the emulator's default users (README, "Try the bot as other people").`;
  return undefined;
}

/** The emulator's log file (it writes its reasons there, not to the terminal). */
function emulatorLogPath(env, cwd) {
  return (
    env.M365_AGENTS_PLAYGROUND_LOGFILE ||
    env.TEAMSAPPTESTER_LOGFILE ||
    join(cwd, 'devTools', 'm365agentsplayground.log')
  );
}

/**
 * Why the emulator stopped, from its log (it starts the file afresh on each run), when the log was
 * written at or after `sinceMs`: its own "error ..." lines (e.g. 'YAML path "/users": must NOT have
 * more than 5 items'), else lines that name an error without the stack, at most five; else undefined.
 */
function emulatorFailureReason(path, sinceMs = 0) {
  let text = '';
  try {
    if (statSync(path).mtimeMs < sinceMs) return undefined;
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const all = text.split(/\r?\n/).map((l) => l.trim());
  const said = all.filter((l) => /^error\b/i.test(l));
  const lines =
    said.length > 0 ? said : all.filter((l) => /error|invalid|must|yaml|config/i.test(l) && !/\bat \S+ \(/.test(l));
  return lines.length > 0
    ? lines
        .slice(-5)
        .map((l) => l.slice(0, 300))
        .join('\n')
    : undefined;
}

module.exports = {
  checkPortFree,
  checkConfigFile,
  emulatorConfigPath,
  emulatorLogPath,
  emulatorFailureReason,
};
