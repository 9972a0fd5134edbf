import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createApp, type App } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { findFreePort } from './free-port';

export interface E2eBot {
  app: App;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** The Bot Framework endpoint the playground posts activities to. */
  messagesUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the real app in this process on a free loopback port, on a fresh embedded store in a
 * temporary DATA_DIR, scheduler off, PUBLIC_BASE_URL pointing at itself (so export links work).
 * Its JSON log goes to `logFile` for the CI artefact.
 */
export async function startBot(logFile: string): Promise<E2eBot> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nudges-e2e-'));
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    STORE: 'embedded',
    DATA_DIR: dataDir,
    SCHEDULER_ENABLED: 'false',
    PUBLIC_BASE_URL: baseUrl,
    LOG_LEVEL: 'info',
  });
  const logStream = createWriteStream(logFile, { flags: 'w' });
  const app = await createApp({
    config,
    logger: createLogger({ level: 'info', destination: logStream }),
    scheduler: false,
  });
  await app.start();
  return {
    app,
    baseUrl,
    messagesUrl: `${baseUrl}/api/messages`,
    async stop() {
      try {
        await app.stop();
      } finally {
        logStream.end();
        await once(logStream, 'close').catch(() => undefined);
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
