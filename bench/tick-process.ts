/**
 * One bot instance for the delivery benchmark, in its own process so its RSS and CPU are its own.
 * Config comes from the environment (STORE, DATA_DIR, COSMOS_*); it opens the store, loads
 * content, cards and the real Teams sender, says hello, then on {cmd:'tick', at, limit,
 * concurrency, instanceId} runs one delivery tick and replies with counters, CPU, RSS and store
 * metrics. {cmd:'close'} closes the store and exits.
 */
import { performance } from 'node:perf_hooks';
import { createTeamsSender } from '../src/bot/teams-sender';
import { createCardRenderer } from '../src/cards/render';
import { loadConfig } from '../src/config';
import { loadContent } from '../src/content/load';
import { createDeliveryRuntime } from '../src/delivery-runtime';
import { runTick } from '../src/delivery/run-tick';
import { silentLogger } from '../src/logger';
import { createStore } from '../src/store/create-store';

interface TickCommand {
  id: number;
  cmd: 'tick' | 'close';
  at: string;
  limit: number;
  concurrency: number;
  instanceId: string;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const store = createStore(config);
  await store.init();
  const content = loadContent();
  const cards = createCardRenderer();
  const sender = createTeamsSender(config);
  const reply = (msg: unknown): void => void process.send?.(msg);

  process.on('message', (msg: TickCommand) => {
    if (msg.cmd === 'close') {
      void store.close().then(() => process.exit(0));
      return;
    }
    void (async () => {
      const runtime = createDeliveryRuntime({
        // The limit is enforced by the runtime's shared per-tenant limiters, made from this config:
        // the override must reach them (0 = no limit, for the bot's own throughput).
        config: { ...config, tenantRateLimit: msg.limit },
        store,
        content,
        cards,
        sender,
        logger: silentLogger,
        now: () => new Date(msg.at),
        instanceId: msg.instanceId,
      });
      store.resetMetrics();
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peakRss = rssBefore;
      // rss() alone: memoryUsage() also walks the heap spaces, which would count as the bot's CPU.
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const start = Date.parse(msg.at);
      const counters = await runTick({
        ...runtime.deps,
        now: () => new Date(start + (performance.now() - t0)),
        config: {
          ...runtime.deps.config,
          tenantRateLimit: msg.limit,
          concurrencyPerTenant: msg.concurrency,
        },
      });
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      reply({
        id: msg.id,
        counters,
        wallMs,
        cpuMs: (cpu.user + cpu.system) / 1000,
        rssBeforeMb: rssBefore / 1048576,
        peakRssMb: peakRss / 1048576,
        metrics: store.metrics(),
      });
    })();
  });
  reply({ ready: true, pid: process.pid });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
