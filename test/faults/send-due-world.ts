import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { createStore } from '../../src/store/create-store';
import type { Store } from '../../src/store/port';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double';

const { buildIfNeeded } = require('../../scripts/build-if-needed') as {
  buildIfNeeded(options?: { quiet?: boolean }): void;
};

/** What a test of real `nudges send-due` processes shares: an embedded store folder, and Teams at the double. */
export interface SendDueWorld {
  connector: ConnectorDouble;
  store: Store;
  /** Environment for the child processes (same store, same limit). */
  env: Record<string, string>;
  dataDir: string;
}

/**
 * Builds dist/ for the child processes, opens a fresh embedded store in a temp folder and starts
 * the connector double enforcing `limit` sends per second (the bot is told the same limit).
 */
export async function openSendDueWorld(prefix: string, limit: number): Promise<SendDueWorld> {
  try {
    buildIfNeeded({ quiet: true });
  } catch {
    // tsc emits despite a type error elsewhere (npm test's own type-check reports those): use dist.
  }
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const env = { STORE: 'embedded', DATA_DIR: dataDir, TENANT_RATE_LIMIT: String(limit) };
  const store = createStore(loadConfig(env));
  await store.init();
  const connector = await startConnectorDouble();
  connector.setRateLimit({ perSecond: limit, retryAfterSeconds: 1 });
  return { connector, store, env, dataDir };
}

/** Polls `check` until it holds, failing with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs: number, what = 'the run'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
