import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { createCardRenderer, type CardRenderer } from '../../src/cards/render';
import { loadContent } from '../../src/content/load';
import type { Content } from '../../src/content/types';
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
  /** The content the app serves; the shipped content (loaded once per test file) unless given. */
  content?: Content;
}

let shippedContent: Content | undefined;
let sharedCards: CardRenderer | undefined;

/**
 * The shipped content, loaded and validated once per test file (each file has its own module registry)
 * rather than by every app start: a file that starts several harnesses pays for it once.
 */
export function shippedContentOnce(): Content {
  shippedContent ??= loadContent();
  return shippedContent;
}

/** One card renderer per test file: each template is prepared (its expressions parsed) once, not per app. */
function sharedCardRenderer(): CardRenderer {
  sharedCards ??= createCardRenderer();
  return sharedCards;
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
    content: options.content ?? shippedContentOnce(),
    cards: sharedCardRenderer(),
  });
  const { port } = await app.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  const agent = new Agent({ keepAlive: true });
  return {
    app,
    connector,
    baseUrl,
    config,
    dataDir,
    now,
    async post(activity, headers = {}) {
      const { status, text } = await postJson(agent, `${baseUrl}/api/messages`, activity, headers);
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON
      }
      return { status, body };
    },
    async close() {
      agent.destroy();
      await app.stop();
      if (!options.connector) await connector.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One POST over node:http with a keep-alive agent, so a test turn costs mostly the bot's work: fetch
 * cost about 3 ms more CPU per request (measured on nudge-card-state, which posts about 1,000 turns).
 */
function postJson(
  agent: Agent,
  url: string,
  activity: ActivityJson | string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const payload = typeof activity === 'string' ? activity : JSON.stringify(activity);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
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

/**
 * Resolves once the install welcome of each of `people` is recorded sent and the follow-up queue is
 * empty. An install turn waits for its welcome at most a few seconds (WELCOME_WAIT_MS), so on a busy
 * machine the send, and the welcome's write to the person's record, can still be under way when the
 * install is answered; a test that goes on to change the person or run the weekly run waits here first.
 */
export async function settleWelcomes(
  h: Harness,
  people: readonly { aadObjectId: string }[],
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const p of people) {
    for (;;) {
      const deliveries = await h.app.store.deliveries.query({ partitionKey: p.aadObjectId });
      if (deliveries.some((d) => d.kind === 'welcome' && d.state === 'sent')) break;
      if (Date.now() > deadline) throw new Error(`no welcome recorded sent for ${p.aadObjectId}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  await h.app.followUps.settled();
}
