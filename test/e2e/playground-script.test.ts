/**
 * The README's quick start: `npm run playground` (scripts/playground.js) builds the bot, starts it
 * with Microsoft 365 Agents Playground, prints the address to open, and "help" answers there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths';
import { launchBrowser, type E2eBrowser } from './support/browser';
import { ChatPage } from './support/chat-page';
import { findFreePort } from './support/free-port';

const OUT = join(projectRoot(), 'test-results', 'e2e', 'playground-script');

let script: ChildProcess | undefined;
let output = '';
let browser: E2eBrowser | undefined;
let dataDir = '';

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  if (script && script.exitCode === null && script.signalCode === null) {
    const exited = new Promise((resolve) => script!.once('exit', resolve));
    script.kill('SIGTERM'); // the script stops the bot and the playground it started
    const killer = setTimeout(() => process.kill(-script!.pid!, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('npm run playground', () => {
  it('prints the address of the Teams emulator, where "help" answers', async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'nudges-e2e-playground-'));
    const [botPort, playgroundPort] = [await findFreePort(), await findFreePort()];
    script = spawn(process.execPath, [join(projectRoot(), 'scripts', 'playground.js')], {
      cwd: projectRoot(),
      detached: true, // its own process group, so teardown can always remove it whole
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(botPort),
        PLAYGROUND_PORT: String(playgroundPort),
        DATA_DIR: dataDir,
        SCHEDULER_ENABLED: 'false',
        LOG_LEVEL: 'warn',
      },
    });
    script.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
    script.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));

    const url = await waitForAddress(script, 150_000);
    expect(url).toBe(`http://localhost:${playgroundPort}`);

    browser = await launchBrowser();
    const chat = new ChatPage(browser.page, OUT);
    await browser.page.goto(url, { waitUntil: 'domcontentloaded' });
    await chat.waitForCard('Welcome: two minutes a week', { what: 'the welcome card' });
    const help = await chat.ask('help', 'What I can do');
    await chat.screenshot('help', help);
  }, 180_000);
});

/** Resolves with the address the script prints ("Open http://localhost:N"), or fails with its output. */
function waitForAddress(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Open (http:\/\/localhost:\d+) in your browser/.exec(output);
      if (match) done(() => resolve(match[1]!));
      else if (child.exitCode !== null) done(() => reject(failure(`it exited with code ${child.exitCode}`)));
      else if (Date.now() > deadline) done(() => reject(failure(`no address within ${timeoutMs / 1000} s`)));
    }, 200);
    const deadline = Date.now() + timeoutMs;
    const done = (settle: () => void) => {
      clearInterval(timer);
      settle();
    };
  });
}

function failure(why: string): Error {
  return new Error(
    `E2E_PLAYGROUND_SCRIPT: "npm run playground" printed no address to open (${why}). Its output:\n${output}`,
  );
}
