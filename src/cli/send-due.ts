import { hostname } from 'node:os';
import { runTick } from '../delivery/run-tick';
import type { TickCounters } from '../delivery/types';
import { keyLogPseudonyms, type Logger } from '../logger';
import { createCliContext, type CliContext } from './context';

/** How long a stop signal may take before the process exits anyway (App Service waits about 30 s). */
const HARD_STOP_MS = 9_000;

/**
 * Turns the first SIGTERM/SIGINT into an abort of the tick (no new owners started; sends in
 * flight finish, leases are released, the store closes) and a second one, or a stop that takes
 * longer than HARD_STOP_MS, into an immediate exit. Returns the signal and a function that
 * removes the handlers.
 */
function abortOnStopSignals(logger: Logger): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let hardStop: NodeJS.Timeout | undefined;
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      logger.warn({ event: 'send_due.forced_exit', signal: name }, 'second stop signal: exiting now');
      process.exit(1);
    }
    logger.info({ event: 'send_due.stopping', signal: name }, 'stopping: finishing sends in flight');
    controller.abort();
    hardStop = setTimeout(() => {
      logger.error({ event: 'send_due.forced_exit', afterMs: HARD_STOP_MS }, 'graceful stop took too long');
      process.exit(1);
    }, HARD_STOP_MS);
    hardStop.unref();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      if (hardStop) clearTimeout(hardStop);
    },
  };
}

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
 * SIGTERM/SIGINT stop it gracefully: owners not yet started are left for the next run, sends in
 * flight finish, the sender lease is released and the store closed, then it exits 0.
 * The store, content, cards and Teams sender come from the CLI context, which loads the bot edge
 * only for this command.
 */
export async function runSendDue(args: readonly string[], cli: CliContext = createCliContext()): Promise<number> {
  const { at } = parseSendDueArgs(args);
  const config = cli.config();
  const logger = cli.logger();
  const stopping = abortOnStopSignals(logger);
  try {
    const [store, content, cards, sender] = await Promise.all([cli.store(), cli.content(), cli.cards(), cli.sender()]);
    const { createDeliveryRuntime } = await import('../delivery-runtime');
    const { resolveLinkSigningKey } = await import('../conversation/course-links');
    const linkSigningKey = await resolveLinkSigningKey(store, config);
    keyLogPseudonyms(logger, linkSigningKey); // the same pseudonyms as the bot's own logs
    const runtime = createDeliveryRuntime({
      config: { ...config, linkSigningKey },
      store,
      content,
      cards,
      sender,
      logger,
      now: () => cli.now(),
      instanceId: `cli-${hostname()}-${process.pid}`,
    });
    const counters: TickCounters = await runTick(runtime.deps, { at, signal: stopping.signal });
    console.log(JSON.stringify(counters));
    return counters.failed > 0 ? 1 : 0;
  } finally {
    await cli.close();
    stopping.dispose();
  }
}
