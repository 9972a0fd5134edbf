import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { silentLogger, type Logger } from '../../src/logger';
import type { Store } from '../../src/store/port';
import type { Timing } from '../../src/delivery/tenant-limiter';
import { startConnectorDouble, type ConnectorDouble } from './connector-double';
import type { ActivityJson } from './activities';

export interface Harness {
  app: App;
  connector: ConnectorDouble;
  baseUrl: string;
  config: Config;
  dataDir: string;
  /** The bot's clock (what it reads as now): use it, not Date.now(), for times the bot compares. */
  now(): Date;
  /** POSTs an activity to /api/messages; resolves with the HTTP status and parsed body. */
  post(activity: ActivityJson | string, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  store?: Store;
  /** The bot's clock; `tuesdayClock()` unless given. */
  now?: () => Date;
  logger?: Logger;
  connector?: ConnectorDouble;
  dataDir?: string;
  /** The delivery engine's sleeps and elapsed time (e.g. a VirtualClock's timing); real time unless given. */
  timing?: Timing;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** Tuesday 1 December 2026, 10:00 UTC: no one's weekly slot (Mondays from 09:00 by default) is near. */
const TUESDAY_10AM = Date.parse('2026-12-01T10:00:00Z');

/**
 * The bot's clock in tests unless one is given: real time, moved back to Tuesday 10:00 UTC of the
 * current week, so it still runs (leases, retries and links expire as they would) but every test sees
 * the same place in the week. With the plain clock, a test run on a Monday morning found some people's
 * first slot that day and others' the next week, and failed where the rest of the week it passed.
 */
export function tuesdayClock(realNow = Date.now()): () => Date {
  const start = TUESDAY_10AM + Math.floor((realNow - TUESDAY_10AM) / WEEK_MS) * WEEK_MS;
  const offset = start - realNow;
  return () => new Date(Date.now() + offset);
}

/** Starts the real app on a free loopback port, on a fresh embedded store unless given another. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'nudges-test-'));
  const now = options.now ?? tuesdayClock();
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, SCHEDULER_ENABLED: 'false', ...options.env });
  const connector = options.connector ?? (await startConnectorDouble());
  const app = await createApp({
    config,
    store: options.store,
    now,
    logger: options.logger ?? silentLogger,
    scheduler: false,
    timing: options.timing,
  });
  const { port } = await app.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    connector,
    baseUrl,
    config,
    dataDir,
    now,
    async post(activity, headers = {}) {
      const res = await fetch(`${baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON
      }
      return { status: res.status, body };
    },
    async close() {
      await app.stop();
      if (!options.connector) await connector.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Adaptive Card in an activity the bot sent (first attachment). */
export function cardOf(activity: { body: Record<string, unknown> } | undefined): Record<string, unknown> {
  const attachments = (activity?.body.attachments ?? []) as { contentType: string; content: Record<string, unknown> }[];
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error('no adaptive card in activity');
  return card.content;
}

/** All text of a card, for assertions on what a person sees. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'label', 'placeholder', 'value'])
        if (typeof o[key] === 'string') parts.push(o[key] as string);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return parts.join('\n');
}
