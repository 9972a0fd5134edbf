import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from './config';
import { createCardRenderer, type CardRenderer } from './cards/render';
import { loadContent } from './content/load';
import type { Content } from './content/types';
import type { ConversationDeps } from './conversation/deps';
import { findExport } from './conversation/export-data';
import { recordCourseOpen } from './conversation/course-opens';
import { resolveLinkSigningKey } from './conversation/course-links';
import { createLogger, keyLogPseudonyms, type Logger } from './logger';
import { createStore } from './store/create-store';
import type { Store } from './store/port';
import { withRetention } from './store/retention';
import { createAdapter } from './server/adapter';
import { createHttpServer, type HttpServer } from './server/http-server';
import { NudgeBot } from './bot/nudge-bot';
import { createTeamScope } from './bot/team-scope';
import { createTeamsSender } from './bot/teams-sender';
import { createNudgeEngine } from './delivery/engine-port';
import { botCredentialFor, createBotTokenSigner } from './bot/bot-token';
import { limitTurnCalls } from './bot/turn-limits';
import { createFollowUps, FOLLOW_UP_TIMEOUT_MS, type FollowUps } from './delivery/follow-ups';
import type { Sender } from './delivery/sender';
import type { MetricsSink } from './delivery/types';
import type { Timing } from './delivery/tenant-limiter';
import { createDeliveryRuntime, type DeliveryRuntime } from './delivery-runtime';
import { rosterJobHandler } from './team/roster-read';

/** How long an install turn waits for its welcome to be sent before answering (the send carries on). */
const WELCOME_WAIT_MS = 5_000;

export interface AppOptions {
  config: Config;
  logger?: Logger;
  now?: () => Date;
  store?: Store;
  content?: Content;
  /** The card renderer; a new one (templates prepared on first use) unless given, e.g. one shared by tests' apps. */
  cards?: CardRenderer;
  /** Start the node-cron scheduler (default: config.schedulerEnabled). */
  scheduler?: boolean;
  instanceId?: string;
  /** Where delivery counters go (Application Insights or log lines); default: dropped. */
  metrics?: MetricsSink;
  /** How the delivery engine sleeps and reads elapsed time; real time unless given (see DeliveryRuntimeOptions). */
  timing?: Timing;
}

export interface App {
  config: Config;
  store: Store;
  deps: ConversationDeps;
  sender: Sender;
  delivery: DeliveryRuntime;
  /** What clicks send after their invoke is answered (card updates, follow-ups). */
  followUps: FollowUps;
  http: HttpServer;
  /** Listens on config.port (0 = any free port) and starts the scheduler; resolves with the port. */
  start(): Promise<{ port: number }>;
  /** Graceful stop: no new requests, in-flight work finished or released, store closed. */
  stop(): Promise<void>;
}

/**
 * The composition root: config -> store -> content -> cards -> delivery -> bot -> server.
 * Everything is built once here and injected downwards.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const logger = options.logger ?? createLogger({ level: options.config.logLevel });
  const now = options.now ?? (() => new Date());
  const content = options.content ?? loadContent();
  const cards = options.cards ?? createCardRenderer();
  // Every write gets its record kind's expiry, whichever store (an injected one too).
  const store = withRetention(options.store ?? createStore(options.config), options.config.retentionDays);
  await store.init();
  // Course links are signed with LINK_SIGNING_KEY, or with a key made once and kept in the store.
  const config: Config = { ...options.config, linkSigningKey: await resolveLinkSigningKey(store, options.config) };
  // Ids in the logs are keyed pseudonyms; the same key on every instance gives one person one pseudonym.
  keyLogPseudonyms(logger, config.linkSigningKey!);
  const deps: ConversationDeps = {
    store,
    content,
    config,
    renderCard: (name, data) => cards.render(name, data),
    now,
    logger,
    engine: createNudgeEngine(),
  };
  const signer = createBotTokenSigner(botCredentialFor(config));
  const adapter = createAdapter(config, { signer });
  adapter.onTurnError = async (context, error) => {
    logger.error(
      { event: 'turn.error', err: { name: error?.name, message: error?.message?.slice(0, 200) } },
      'unhandled turn error',
    );
    try {
      await context.sendActivity('Sorry, something went wrong on my side. Please try again.');
    } catch {
      // the reply itself failed; nothing more to do
    }
  };
  const sender = createTeamsSender(config, { timeoutMs: config.sendTimeoutMs, signer });
  const instanceId = options.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const delivery = createDeliveryRuntime({
    config,
    store,
    content,
    cards,
    sender,
    logger,
    now,
    instanceId,
    metrics: options.metrics,
    roster: rosterJobHandler(deps),
    timing: options.timing,
  });
  // Card updates and follow-ups after clicks: after the invoke is answered, through the same limiters.
  const followUps = createFollowUps({
    sender: createTeamsSender(config, { timeoutMs: FOLLOW_UP_TIMEOUT_MS, signer }),
    limiters: delivery.tenantLimiters,
    conversations: delivery.conversationLimiter,
    logger,
  });
  // Personal install welcomes: sent at once through the engine (claim, tenant limiter); the turn
  // waits for the send at most WELCOME_WAIT_MS, then the send carries on after the turn is answered.
  const welcomesInFlight = new Set<Promise<unknown>>();
  const sendWelcome = (userId: string): Promise<void> => {
    const sending = delivery.deliverNow(userId).catch((err: unknown) => {
      logger.error({ err, event: 'welcome.failed' }, 'personal welcome not sent now (the next tick retries)');
    });
    welcomesInFlight.add(sending);
    void sending.finally(() => welcomesInFlight.delete(sending));
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, WELCOME_WAIT_MS)));
    return Promise.race([sending.then(() => undefined), waited]).finally(() => clearTimeout(timer));
  };
  const bot = new NudgeBot({
    deps,
    followUps,
    sendWelcome,
    team: createTeamScope(deps, {
      followUps,
      // Welcomes queued by a join, and roster reads queued by an install, are the engine's next tick;
      // with the scheduler on, that is at once.
      onWelcomesQueued: () => delivery.scheduler.runSoon(),
      onRosterQueued: () => delivery.scheduler.runSoon(),
      // Looking up a member who joined is a Bot Connector call too: within the tenant's limit.
      acquireTenantCall: (tenantId) => delivery.tenantLimiters.acquire(tenantId),
    }),
  });
  const http = createHttpServer({
    adapter,
    onTurn: (context) => {
      // Replies and message updates of the turn count against the tenant's Teams limit too.
      limitTurnCalls(context, (tenantId) => delivery.tenantLimiters.acquire(tenantId));
      return bot.run(context);
    },
    checkReady: () => store.ping(),
    findExport: (token, format) => findExport(deps, token, format),
    openCourse: (courseId, tenantId, signature, holder) =>
      recordCourseOpen(deps, courseId, tenantId, signature, holder),
    logger,
  });
  const useScheduler = options.scheduler ?? config.schedulerEnabled;

  return {
    config,
    store,
    deps,
    sender,
    delivery,
    followUps,
    http,
    async start() {
      const address = await http.listen(config.port, config.host);
      // One Teams limit per tenant however many instances: this one keeps 1/N of it (instance-share.ts).
      await delivery.instanceShare.start();
      if (useScheduler) delivery.scheduler.start();
      if (config.devMode) {
        logger.warn(
          { event: 'dev_mode', host: config.host, port: address.port },
          '*** DEVELOPMENT MODE: no MicrosoftAppId, so Bot Framework authentication is OFF. Listening on loopback only. Do not use in production. ***',
        );
      }
      logger.info(
        { event: 'started', port: address.port, store: store.kind, scheduler: useScheduler },
        'Leadership Nudges is running',
      );
      return address;
    },
    async stop() {
      await Promise.all([http.close(), delivery.scheduler.stop(), followUps.settled()]);
      await Promise.all([...welcomesInFlight]);
      await delivery.instanceShare.stop();
      await store.close();
      logger.info({ event: 'stopped' }, 'stopped');
    },
  };
}
