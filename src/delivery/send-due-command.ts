import { hostname } from 'node:os';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import type { TickCounters } from './types';

/** Parses `[--at <ISO time>]`; throws with a message naming the option when it is wrong. */
export function parseSendDueArgs(args: readonly string[]): { at?: Date } {
  const out: { at?: Date } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--at') {
      const value = args[++i];
      const at = value ? new Date(value) : undefined;
      if (!at || Number.isNaN(at.getTime()))
        throw new Error(`--at needs an ISO time such as 2026-03-02T09:00:00Z, got "${value ?? ''}".`);
      out.at = at;
    } else throw new Error(`Unknown option "${arg}". Usage: nudges send-due [--at <ISO time>]`);
  }
  return out;
}

/**
 * `nudges send-due [--at ISO]`: runs one delivery tick against the configured store and Teams,
 * as if it were that time, prints the counters as JSON and exits 0 (1 when any delivery failed).
 * The app's own wiring (store, content, cards, Teams sender) is loaded lazily so the delivery
 * engine itself never imports botbuilder.
 */
export async function runSendDue(args: readonly string[]): Promise<number> {
  const { at } = parseSendDueArgs(args);
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const [
    { createStore },
    { loadContent },
    { createCardRenderer },
    { createAdapter },
    { createTeamsSender },
    { createDeliveryRuntime },
  ] = await Promise.all([
    import('../store/create-store'),
    import('../content/load'),
    import('../cards/render'),
    import('../server/adapter'),
    import('../bot/teams-sender'),
    import('../delivery-runtime'),
  ]);
  const store = createStore(config);
  await store.init();
  try {
    const runtime = createDeliveryRuntime({
      config,
      store,
      content: loadContent(),
      cards: createCardRenderer(),
      sender: createTeamsSender(createAdapter(config), {
        botAppId: config.microsoftAppId,
        timeoutMs: config.sendTimeoutMs,
      }),
      logger,
      now: () => new Date(),
      instanceId: `cli-${hostname()}-${process.pid}`,
    });
    const counters: TickCounters = await runtime.tick(at);
    console.log(JSON.stringify(counters));
    return counters.failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
