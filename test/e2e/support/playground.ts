import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../src/paths';
import { findFreePort } from './free-port';

export interface Playground {
  /** The page to open, e.g. `http://localhost:51234`. */
  url: string;
  port: number;
  conversationId: string;
  /**
   * Asks the playground to send the install events (installationUpdate, conversationUpdate) of the
   * personal chat again, through its set-up API. Only shown on a page that is open at the time.
   */
  sendInstall(): Promise<void>;
  stop(): Promise<void>;
}

export interface PlaygroundOptions {
  /** The bot's Bot Framework endpoint. */
  botEndpoint: string;
  /** Fixed personal conversation id (`--conversation-id`). */
  conversationId: string;
  /** Where the playground's own stdout/stderr go (CI artefact). */
  logFile: string;
  startTimeoutMs?: number;
}

const CLI = join(projectRoot(), 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');

/**
 * Starts Microsoft 365 Agents Playground (Microsoft's local Teams emulator) on a free port,
 * pointed at the bot, telemetry off and no browser of its own. Resolves once it says it listens
 * (it falls back to a random port when the one asked for is taken, so the port is read from its
 * output). Rejects with E2E_PLAYGROUND_START and the tail of its output when it does not start.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const requested = await findFreePort();
  const args = [
    CLI,
    'start',
    '--dt',
    '-c',
    'msteams',
    '-e',
    options.botEndpoint,
    '-p',
    String(requested),
    '--conversation-id',
    options.conversationId,
  ];
  const child = spawn(process.execPath, args, {
    cwd: projectRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      NO_COLOR: '1',
      // Its own detailed log (default ./devTools/m365agentsplayground.log), kept with the artefacts.
      M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile.replace(/\.log$/, '') + '-internal.log',
    },
  });
  const log = createWriteStream(options.logFile, { flags: 'w' });
  let output = '';
  const record = (chunk: Buffer) => {
    log.write(chunk);
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);

  const stop = () => stopChild(child).finally(() => log.end());
  try {
    const port = await waitForListening(child, () => output, options.startTimeoutMs ?? 30_000);
    const url = `http://localhost:${port}`;
    const sendInstall = async () => {
      const res = await fetch(`${url}/_debug/conversation/${encodeURIComponent(options.conversationId)}/installation`, {
        method: 'POST',
      });
      if (!res.ok) throw new Error(`E2E_PLAYGROUND_INSTALL: the playground answered ${res.status} to the install call`);
    };
    return { url, port, conversationId: options.conversationId, sendInstall, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      cleanup();
      reject(new Error(`E2E_PLAYGROUND_START: the Teams emulator did not start (${why}). Its output:\n${output()}`));
    };
    const onData = () => {
      const match = /Listening on (\d+)/.exec(output());
      if (match) {
        cleanup();
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null) => fail(`exited with code ${code}`);
    const timer = setTimeout(() => fail(`no "Listening on" within ${timeoutMs} ms`), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.on('exit', onExit);
    onData();
  });
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process has gone. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
