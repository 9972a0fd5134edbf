/**
 * `npm run playground` (scripts/playground.js) checks before it starts: a busy bot port is said
 * plainly, with what to do, and nothing claims the bot is running; a config file that is named but
 * missing is said; when the emulator stops, the reason it wrote to its own log is shown.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths';

const checks = require('../../scripts/playground-checks.js') as {
  checkPortFree(port: number, host?: string): Promise<string | undefined>;
  emulatorFailureReason(path: string, sinceMs?: number): string | undefined;
};

function run(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(projectRoot(), 'scripts', 'playground.js')], {
      cwd: projectRoot(),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

const listenOnFreePort = (): Promise<{ server: Server; port: number }> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });

describe('npm run playground, before it starts', () => {
  it('stops with a clear message and exit code 4 when the bot port is taken, never announcing an address', async () => {
    const { server, port } = await listenOnFreePort();
    try {
      expect(await checks.checkPortFree(port)).toMatch(/already in use/);
      const { code, out, err } = await run({ PORT: String(port) });
      expect(code).toBe(4);
      expect(err).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(err).toMatch(/PORT=\d+ PLAYGROUND_PORT=\d+ npm run playground/);
      expect(out).not.toMatch(/Open http|is running/);
    } finally {
      server.close();
    }
  });

  it('says when the emulator config file it was given does not exist (exit code 2)', async () => {
    const { server, port } = await listenOnFreePort();
    server.close(); // a free port, so the config check is reached
    await new Promise((r) => server.once('close', r));
    const { code, err } = await run({
      PORT: String(port),
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: '/nonexistent/users.yml',
    });
    expect(code).toBe(2);
    expect(err).toMatch(/M365_AGENTS_PLAYGROUND_CONFIG_PATH names \/nonexistent\/users\.yml, which does not exist/);
  });

  it('reads why the emulator stopped from the log it wrote in this run, its own error lines first', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'playground-log-')), 'm365agentsplayground.log');
    // As the emulator writes it (seen with a config file missing "version"): a stack, then its error lines.
    writeFileSync(
      log,
      'log Listening on 45872\ndebug Telemetry: error {"stack":"Error: Failed\\n    at ConfigManager.readConfigFileContent (<path>:2:377102)"}\n' +
        'error Failed to start Microsoft 365 Agents Playground.\n' +
        'error Reason: ConfigFileParseError Failed to parse config file. Reason: YAML path "/users": must NOT have more than 5 items.\n',
    );
    const written = statSync(log).mtimeMs; // the file system's clock, which is what the check compares
    expect(checks.emulatorFailureReason(log, written - 60_000)).toBe(
      'error Failed to start Microsoft 365 Agents Playground.\n' +
        'error Reason: ConfigFileParseError Failed to parse config file. Reason: YAML path "/users": must NOT have more than 5 items.',
    );
    // A log from an earlier run (written before this start) is not this run's reason.
    expect(checks.emulatorFailureReason(log, written + 60_000)).toBeUndefined();
    expect(checks.emulatorFailureReason(join(tmpdir(), 'no-such-log.log'))).toBeUndefined();
  });
});
