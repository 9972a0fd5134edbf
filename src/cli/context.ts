import type { CardRenderer } from '../cards/render';
import { loadConfig, type Config } from '../config';
import type { Content } from '../content/types';
import type { Sender } from '../delivery/sender';
import { createLogger, type Logger } from '../logger';
import type { Store } from '../store/port';

/**
 * What operator commands run on, built once by the CLI root and injected into each command.
 * Every piece is made on first use (content:check needs no configuration; only send-due loads the
 * bot edge), and `close()` closes the store if one was opened here.
 */
export interface CliContext {
  config(): Config;
  logger(): Logger;
  now(): Date;
  content(): Promise<Content>;
  cards(): Promise<CardRenderer>;
  /** The configured store, initialised. */
  store(): Promise<Store>;
  /** The Teams sender (the bot edge, loaded only by commands that send). */
  sender(): Promise<Sender>;
  close(): Promise<void>;
}

/** Pieces a caller (a test) already has; the context builds the rest. A given store is not closed. */
export interface CliContextOverrides {
  config?: Config;
  store?: Store;
  content?: Content;
  now?: () => Date;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** The CLI's composition root: configuration, logger, store, content, cards and sender, each built once. */
export function createCliContext(overrides: CliContextOverrides = {}): CliContext {
  const config = once(() => overrides.config ?? loadConfig());
  const logger = once(() => createLogger({ level: config().logLevel }));
  const content = once(async () => overrides.content ?? (await import('../content/load')).loadContent());
  const cards = once(async () => (await import('../cards/render')).createCardRenderer());
  let opened: Store | undefined;
  const store = once(async () => {
    if (overrides.store) return overrides.store;
    const { createStore } = await import('../store/create-store');
    opened = createStore(config());
    await opened.init();
    return opened;
  });
  const sender = once(async () => {
    const { createTeamsSender } = await import('../bot/teams-sender');
    const c = config();
    return createTeamsSender(c, { timeoutMs: c.sendTimeoutMs });
  });
  return {
    config,
    logger,
    now: () => (overrides.now ?? (() => new Date()))(),
    content,
    cards,
    store,
    sender,
    async close() {
      if (opened) await opened.close();
    },
  };
}
