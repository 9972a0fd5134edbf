/**
 * Delivery benchmark (`npm run bench -- [--users N] [--store embedded|cosmos] [--instances N]
 * [--limit 50] [--limited-users 1500]`). Not part of `npm test`.
 *
 * Two phases, each one weekly tick through the real Teams sender (botbuilder CloudAdapter,
 * continueConversationAsync) against the connector double running in a child process:
 *  1. limited: `--limited-users` people (default min(users, 1500)) with the double enforcing the
 *     tenant limit: achieved sends/s against it, 429s, duplicates, people not reached.
 *  2. unlimited: `--users` people with the limit removed at both ends: the bot's own throughput,
 *     CPU ms per nudge, peak RSS, store operations (and RU) per delivered nudge.
 * Writes bench/results.json and bench/results.md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTeamsSender } from '../src/bot/teams-sender';
import { createCardRenderer } from '../src/cards/render';
import { loadConfig, type Config } from '../src/config';
import { loadContent } from '../src/content/load';
import { createDeliveryRuntime } from '../src/delivery-runtime';
import { runTick } from '../src/delivery/run-tick';
import type { TickCounters } from '../src/delivery/types';
import { silentLogger } from '../src/logger';
import { createAdapter } from '../src/server/adapter';
import { createStore } from '../src/store/create-store';
import type { Store, StoreMetrics } from '../src/store/port';
import { ROLES, type UserRecord } from '../src/store/types';
import { COSMOS_TEST_KEY, startCosmosServer, type CosmosTestServer } from '../test/support/cosmos-server';

interface Args {
  users: number;
  store: 'embedded' | 'cosmos';
  instances: number;
  limit: number;
  limitedUsers: number;
  concurrency: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const users = Number(get('users') ?? 10_000);
  const store = (get('store') ?? 'embedded') as Args['store'];
  if (store !== 'embedded' && store !== 'cosmos') throw new Error('--store must be embedded or cosmos');
  return {
    users,
    store,
    instances: Number(get('instances') ?? 1),
    limit: Number(get('limit') ?? 50),
    limitedUsers: Number(get('limited-users') ?? Math.min(users, 1500)),
    concurrency: Number(get('concurrency') ?? 64),
  };
}

const DUE = '2026-03-02T09:00:00.000Z';
const NOW = new Date('2026-03-02T09:00:30.000Z');

/** The connector double in a child process, driven over IPC. */
class ConnectorProcess {
  private seq = 0;
  private readonly waiting = new Map<number, (v: unknown) => void>();
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (m: { id?: number }) => {
      if (m.id !== undefined) this.waiting.get(m.id)?.(m);
    });
  }

  static start(): Promise<ConnectorProcess> {
    const child = fork(join(__dirname, 'connector-process.ts'), [], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
    });
    return new Promise((resolve) =>
      child.once('message', (m: { url: string }) => resolve(new ConnectorProcess(child, m.url))),
    );
  }

  call<T>(cmd: Record<string, unknown>): Promise<T> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.waiting.set(id, (v) => resolve(v as T));
      this.child.send({ ...cmd, id });
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ cmd: 'close', id: 0 });
    });
  }
}

interface DoubleStats {
  accepted: number;
  conversations: number;
  duplicates: number;
  refused429: number;
  refusedOther: number;
  maxPerSecond: number;
  firstAt: number;
  lastAt: number;
}

function buildUser(i: number, serviceUrl: string): UserRecord {
  const id = `bench-${String(i).padStart(7, '0')}`;
  return {
    id,
    userId: id,
    tenantId: 'bench-tenant',
    conversation: {
      serviceUrl,
      conversationId: `a:${id}`,
      tenantId: 'bench-tenant',
      channelId: 'msteams',
      conversationType: 'personal',
    },
    prefs: {
      role: ROLES[i % ROLES.length]!,
      timeZone: 'Europe/London',
      day: 'mon',
      time: '09:00',
      frequency: 'weekly',
      focus: [],
    },
    onboarded: true,
    status: 'active',
    nextDueAt: DUE,
    history: { seen: [], notUseful: [], sentCount: 0 },
    createdAt: DUE,
    updatedAt: DUE,
  };
}

/** Seeds in batches so no more than one batch of people is ever in memory. */
async function seed(store: Store, n: number, serviceUrl: string): Promise<number> {
  const started = performance.now();
  const batch = 500;
  for (let start = 0; start < n; start += batch) {
    const writes: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) writes.push(store.users.create(buildUser(i, serviceUrl)));
    await Promise.all(writes);
  }
  return performance.now() - started;
}

function opsTotal(m: StoreMetrics): { count: number; ru: number } {
  let count = 0;
  let ru = 0;
  for (const e of Object.values(m.ops)) {
    count += e.count;
    ru += e.requestCharge;
  }
  return { count, ru };
}

interface PhaseResult {
  people: number;
  counters: TickCounters[];
  double: DoubleStats;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  baseRssMb: number;
  storeOps: number;
  storeRu: number;
  seedMs: number;
}

async function runPhase(
  args: Args,
  connector: ConnectorProcess,
  people: number,
  limit: number,
  makeConfig: (dataDir: string) => Config,
): Promise<PhaseResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-delivery-'));
  const config = makeConfig(dataDir);
  const stores = Array.from({ length: args.instances }, () =>
    createStore(config, { cosmos: { clientOptions: { connectionPolicy: { enableEndpointDiscovery: false } } } }),
  );
  for (const s of stores) await s.init();
  const seedMs = await seed(stores[0]!, people, connector.url);
  await connector.call({ cmd: 'reset' });
  await connector.call({ cmd: 'limit', perSecond: limit || undefined });
  const content = loadContent();
  const cards = createCardRenderer();
  const sender = createTeamsSender(createAdapter(config), { botAppId: config.microsoftAppId });
  for (const s of stores) s.resetMetrics();
  global.gc?.();
  const baseRss = process.memoryUsage().rss;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const counters = await Promise.all(
    stores.map((store, i) => {
      const runtime = createDeliveryRuntime({
        config,
        store,
        content,
        cards,
        sender,
        logger: silentLogger,
        now: () => NOW,
        instanceId: `bench-${i}`,
      });
      return runTick({
        ...runtime.deps,
        now: () => new Date(NOW.getTime() + (performance.now() - t0)),
        config: { ...runtime.deps.config, tenantRateLimit: limit, concurrencyPerTenant: limit ? 16 : args.concurrency },
      });
    }),
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const double = await connector.call<{ stats: DoubleStats }>({ cmd: 'stats' });
  let storeOps = 0;
  let storeRu = 0;
  for (const s of stores) {
    const t = opsTotal(s.metrics());
    storeOps += t.count;
    storeRu += t.ru;
  }
  for (const s of stores) await s.close();
  rmSync(dataDir, { recursive: true, force: true });
  return {
    people,
    counters,
    double: double.stats,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: peakRss / 1024 / 1024,
    baseRssMb: baseRss / 1024 / 1024,
    storeOps,
    storeRu,
    seedMs,
  };
}

const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const connector = await ConnectorProcess.start();
  let cosmos: CosmosTestServer | undefined;
  if (args.store === 'cosmos') cosmos = await startCosmosServer();
  const makeConfig = (dataDir: string): Config =>
    loadConfig({
      STORE: args.store,
      DATA_DIR: dataDir,
      COSMOS_ENDPOINT: cosmos?.endpoint,
      COSMOS_KEY: COSMOS_TEST_KEY,
      COSMOS_DATABASE: `bench-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
      LOG_LEVEL: 'silent',
    });
  try {
    console.log(
      `limited phase: ${args.limitedUsers} people at ${args.limit}/s (${args.instances} instance(s), ${args.store})`,
    );
    const limited = await runPhase(args, connector, args.limitedUsers, args.limit, makeConfig);
    console.log(`unlimited phase: ${args.users} people, limit removed`);
    const open = await runPhase(args, connector, args.users, 0, makeConfig);
    const spanS = Math.max(0.001, (limited.double.lastAt - limited.double.firstAt) / 1000);
    const achieved = (limited.double.accepted - 1) / spanS;
    const sum = (p: PhaseResult, k: keyof TickCounters): number => p.counters.reduce((s, c) => s + c[k], 0);
    const results = {
      date: new Date().toISOString(),
      machine: { node: process.version, platform: process.platform, arch: process.arch },
      sender:
        'real Teams sender (botbuilder CloudAdapter continueConversationAsync) -> connector double in a child process',
      store: args.store,
      instances: args.instances,
      limited: {
        people: limited.people,
        tenantLimitPerSecond: args.limit,
        achievedSendsPerSecond: round(achieved),
        percentOfLimit: round((achieved / args.limit) * 100),
        maxInAnyOneSecondWindow: limited.double.maxPerSecond,
        received429: limited.double.refused429,
        duplicates: limited.double.duplicates,
        notReached: limited.people - limited.double.conversations,
        wallSeconds: round(limited.wallMs / 1000),
        counters: limited.counters,
      },
      unlimited: {
        people: open.people,
        sent: sum(open, 'sent'),
        nudgesPerSecond: round(sum(open, 'sent') / (open.wallMs / 1000)),
        cpuMsPerNudge: round(open.cpuMs / Math.max(1, sum(open, 'sent')), 3),
        peakRssMb: round(open.peakRssMb),
        rssBeforeTickMb: round(open.baseRssMb),
        storeOpsPerNudge: round(open.storeOps / Math.max(1, sum(open, 'sent')), 2),
        requestUnitsPerNudge:
          args.store === 'cosmos' ? round(open.storeRu / Math.max(1, sum(open, 'sent')), 2) : undefined,
        duplicates: open.double.duplicates,
        notReached: open.people - open.double.conversations,
        received429: open.double.refused429,
        seedSeconds: round(open.seedMs / 1000),
        wallSeconds: round(open.wallMs / 1000),
        counters: open.counters,
      },
    };
    writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    const l = results.limited;
    const u = results.unlimited;
    const md = [
      `# Delivery benchmark (${results.date.slice(0, 10)}, ${args.store} store, ${args.instances} instance(s), Node ${process.version})`,
      '',
      `Sender: ${results.sender}.`,
      '',
      '| Measure | Result | Target |',
      '| --- | --- | --- |',
      `| Sends/s at the tenant limit (${l.people} people) | ${l.achievedSendsPerSecond}/s of ${l.tenantLimitPerSecond}/s (${l.percentOfLimit}%) | >= 95% |`,
      `| Most sends in any 1 s window at the connector | ${l.maxInAnyOneSecondWindow} | <= ${l.tenantLimitPerSecond} |`,
      `| 429s received (limited / unlimited) | ${l.received429} / ${u.received429} | - |`,
      `| Duplicates (limited / unlimited) | ${l.duplicates} / ${u.duplicates} | 0 |`,
      `| People not reached (limited / unlimited) | ${l.notReached} / ${u.notReached} | 0 |`,
      `| Own throughput, limit removed (${u.people} people) | ${u.nudgesPerSecond} nudges/s | >= 1000/s |`,
      `| CPU per nudge, limit removed | ${u.cpuMsPerNudge} ms | - |`,
      `| Peak RSS (bot process, ${u.people} people; ${u.rssBeforeTickMb} MB before the tick) | ${u.peakRssMb} MB | < 250 MB |`,
      `| Store operations per delivered nudge | ${u.storeOpsPerNudge} | - |`,
      ...(u.requestUnitsPerNudge !== undefined
        ? [`| Request units per delivered nudge | ${u.requestUnitsPerNudge} | - |`]
        : []),
      '',
    ].join('\n');
    writeFileSync(join(__dirname, 'results.md'), md);
    console.log(md);
  } finally {
    await connector.close();
    await cosmos?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
