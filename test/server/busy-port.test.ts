/**
 * `npm start` on a port another program holds says which port and how to choose another, and
 * exits with no stack trace (the real entry point in its own process, started the way `npm start`
 * starts it: scripts/start.js runs the compiled src/index.ts from dist/, so no TypeScript is
 * compiled in the child).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths';

const { buildIfNeeded } = require('../../scripts/build-if-needed') as {
  buildIfNeeded(options?: { quiet?: boolean }): void;
};

function holdPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

describe('starting the bot on a busy port', () => {
  beforeAll(() => {
    try {
      buildIfNeeded({ quiet: true });
    } catch {
      // tsc emits despite a type error elsewhere (npm test's own type-check reports those): use dist.
    }
  }, 120_000);

  it('names the port and how to choose another, and exits 4 without a stack trace', async () => {
    const { server, port } = await holdPort();
    const dataDir = mkdtempSync(join(tmpdir(), 'nudges-busy-'));
    try {
      const child = spawn(process.execPath, [join('scripts', 'start.js')], {
        cwd: projectRoot(),
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          SCHEDULER_ENABLED: 'false',
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(4);
      expect(stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(stderr).toContain(`PORT=${port + 1} npm start`);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stderr).not.toMatch(/EADDRINUSE|DeprecationWarning/);
    } finally {
      server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
