/**
 * Delivery benchmark (`npm run bench -- [--users N] [--store embedded|cosmos] [--instances N]
 * [--limit 50] [--limited-users 1500] [--concurrency 64]`). Not part of `npm test`.
 *
 * Every measured part runs as compiled JS in its own OS process: the connector double, a seed
 * process (so seeding never counts in a bot's RSS), and `--instances` bot processes that tick at
 * the same moment on one store through the real Teams sender. Two phases:
 *  1. limited: `--limited-users` people with the double enforcing the tenant limit: the combined
 *     send rate of all instances against it, 429s, duplicates, people not reached.
 *  2. unlimited: `--users` people with the limit removed at both ends: the bot's own throughput,
 *     CPU ms per nudge, peak RSS per bot process, store operations and RU per delivered nudge.
 * Merges its figures into bench/results.json (keyed by store, instances and people) and results.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { INSTANCE_NODE_OPTIONS } from '../src/config';
import { interactiveReserveFor } from '../src/delivery/tenant-limiter';
import type { TickCounters } from '../src/delivery/types';
import type { StoreMetrics } from '../src/store/port';
import { COSMOS_TEST_KEY, startCosmosServer, type CosmosTestServer } from '../test/support/cosmos-server';
import { BENCH_NOW } from './bench-people';
import { buildBenchIfNeeded } from './build-bench';
import { BenchChild } from './child-process';
import type { ConnectorStats } from './connector-process';
import { judgeTargets, mergeResults } from './results-file';
import { describeRequestUnits, requestUnitsByOperation, requestUnitsOf } from './ru-estimate';

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

/**
 * Node flags for the bot processes: those production instances run with (INSTANCE_NODE_OPTIONS) unless
 * BENCH_NODE_ARGS says otherwise, e.g. BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' (or '' for none).
 */
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? INSTANCE_NODE_OPTIONS).split(' ').filter(Boolean);

interface TickReply {
  counters: TickCounters;
  wallMs: number;
  cpuMs: number;
  rssBeforeMb: number;
  peakRssMb: number;
  metrics: StoreMetrics;
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
  double: ConnectorStats;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  baseRssMb: number;
  storeOps: number;
  storeRu: number;
  seedMs: number;
  ops: Record<string, { count: number; requestCharge: number }>;
}

/**
 * One phase: a fresh store seeded by a seed process, then `instances` tick processes (real OS
 * processes, compiled JS) ticking at the same moment against the connector double.
 */
async function runPhase(
  args: Args,
  dist: string,
  connector: BenchChild,
  people: number,
  limit: number,
  storeEnv: (dataDir: string) => Record<string, string | undefined>,
): Promise<PhaseResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-delivery-'));
  const env = storeEnv(dataDir);
  const serviceUrl = connector.hello.url as string;
  const seeder = await BenchChild.start(join(dist, 'seed-process.js'), env);
  const { seedMs } = await seeder.call<{ seedMs: number }>({ cmd: 'seed', users: people, serviceUrl });
  await seeder.close();
  await connector.call({ cmd: 'reset' });
  await connector.call({ cmd: 'limit', perSecond: limit || undefined });
  const ticks = await Promise.all(
    Array.from({ length: args.instances }, () =>
      BenchChild.start(join(dist, 'tick-process.js'), env, ['--expose-gc', ...nodeArgs]),
    ),
  );
  const t0 = Date.now();
  const replies = await Promise.all(
    ticks.map((t, i) =>
      t.call<TickReply>({
        cmd: 'tick',
        at: BENCH_NOW,
        limit: limit || 100_000,
        concurrency: limit ? 16 : args.concurrency,
        instanceId: `bench-${i}`,
      }),
    ),
  );
  const wallMs = Date.now() - t0;
  await Promise.all(ticks.map((t) => t.close()));
  const double = await connector.call<{ stats: ConnectorStats }>({ cmd: 'stats' });
  const ops: PhaseResult['ops'] = {};
  for (const r of replies)
    for (const [k, v] of Object.entries(r.metrics.ops)) {
      const e = (ops[k] ??= { count: 0, requestCharge: 0 });
      e.count += v.count;
      e.requestCharge += v.requestCharge;
    }
  const total = opsTotal({ ops });
  rmSync(dataDir, { recursive: true, force: true });
  return {
    people,
    counters: replies.map((r) => r.counters),
    double: double.stats,
    wallMs,
    cpuMs: replies.reduce((s, r) => s + r.cpuMs, 0),
    peakRssMb: Math.max(...replies.map((r) => r.peakRssMb)),
    baseRssMb: Math.max(...replies.map((r) => r.rssBeforeMb)),
    storeOps: total.count,
    storeRu: total.ru,
    seedMs,
    ops,
  };
}

const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dist = buildBenchIfNeeded();
  const connector = await BenchChild.start(join(dist, 'connector-process.js'));
  let cosmos: CosmosTestServer | undefined;
  if (args.store === 'cosmos') cosmos = await startCosmosServer();
  const storeEnv = (dataDir: string): Record<string, string | undefined> => ({
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
    const limited = await runPhase(args, dist, connector, args.limitedUsers, args.limit, storeEnv);
    console.log(`unlimited phase: ${args.users} people, limit removed`);
    const open = await runPhase(args, dist, connector, args.users, 0, storeEnv);
    const spanS = Math.max(0.001, (limited.double.lastAt - limited.double.firstAt) / 1000);
    const achieved = (limited.double.accepted - 1) / spanS;
    const sum = (p: PhaseResult, k: keyof TickCounters): number => p.counters.reduce((s, c) => s + c[k], 0);
    const sentOpen = sum(open, 'sent');
    const ru = args.store === 'cosmos' ? requestUnitsOf(open.ops) : undefined;
    const results = {
      date: new Date().toISOString(),
      machine: { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length },
      sender:
        'real Teams sender (botbuilder CloudAdapter continueConversationAsync per service URL, then one signed Bot Connector REST call per nudge over keep-alive) -> connector double in a child process',
      processes: `${args.instances} bot process(es) (compiled JS${nodeArgs.length ? `, node ${nodeArgs.join(' ')}` : ''}), seeded beforehand by a separate seed process`,
      botNodeArgs: nodeArgs,
      loadAverage: loadavg().map((n) => round(n, 2)),
      store: args.store,
      instances: args.instances,
      limited: {
        people: limited.people,
        tenantLimitPerSecond: args.limit,
        // Weekly runs may use the limit less the part kept for clicks (src/delivery/tenant-limiter.ts).
        weeklySharePerSecond: args.limit - interactiveReserveFor(args.limit),
        combinedSendsPerSecond: round(achieved),
        percentOfLimit: round((achieved / (args.limit - interactiveReserveFor(args.limit))) * 100),
        maxInAnyOneSecondWindow: limited.double.maxPerSecond,
        received429: limited.double.refused429,
        duplicates: limited.double.duplicates,
        notReached: limited.people - limited.double.conversations,
        wallSeconds: round(limited.wallMs / 1000),
        counters: limited.counters,
      },
      unlimited: {
        people: open.people,
        sent: sentOpen,
        nudgesPerSecond: round(sentOpen / (open.wallMs / 1000)),
        cpuMsPerNudge: round(open.cpuMs / Math.max(1, sentOpen), 3),
        peakRssMbPerProcess: round(open.peakRssMb),
        rssBeforeTickMb: round(open.baseRssMb),
        storeOpsPerNudge: round(open.storeOps / Math.max(1, sentOpen), 2),
        requestUnitsPerNudge: ru ? round(ru.ru / Math.max(1, sentOpen), 2) : undefined,
        requestUnitsSource: ru?.source,
        requestUnitsPerNudgeByOperation: ru ? requestUnitsByOperation(open.ops, sentOpen) : undefined,
        opsPerNudge: Object.fromEntries(
          Object.entries(open.ops).map(([k, v]) => [k, round(v.count / Math.max(1, sentOpen), 3)]),
        ),
        duplicates: open.double.duplicates,
        notReached: open.people - open.double.conversations,
        received429: open.double.refused429,
        seedSeconds: round(open.seedMs / 1000),
        wallSeconds: round(open.wallMs / 1000),
        counters: open.counters,
      },
    };
    const l = results.limited;
    const u = results.unlimited;
    const md =
      [
        `## Delivery (${results.date.slice(0, 10)}, ${args.store} store, ${args.instances} instance(s), ${u.people} people, Node ${process.version}, ${results.machine.cpus} CPUs)`,
        '',
        `Sender: ${results.sender}. ${results.processes}. Load average at the end: ${results.loadAverage.join(' / ')}.`,
        '',
        '| Measure | Result | Target |',
        '| --- | --- | --- |',
        `| Combined sends/s at the tenant limit (${l.people} people, ${args.instances} instance(s)) | ${l.combinedSendsPerSecond}/s of the weekly share ${l.weeklySharePerSecond}/s (${l.percentOfLimit}%; limit ${l.tenantLimitPerSecond}/s, the rest kept for clicks) | >= 95% |`,
        `| Most sends in any 1 s window at the connector | ${l.maxInAnyOneSecondWindow} | <= ${l.tenantLimitPerSecond} |`,
        `| 429s received (limited / unlimited) | ${l.received429} / ${u.received429} | - |`,
        `| Duplicates (limited / unlimited) | ${l.duplicates} / ${u.duplicates} | 0 |`,
        `| People not reached (limited / unlimited) | ${l.notReached} / ${u.notReached} | 0 |`,
        `| Own throughput, limit removed (${u.people} people) | ${u.nudgesPerSecond} nudges/s | >= 1000/s (embedded) |`,
        `| CPU per nudge, limit removed | ${u.cpuMsPerNudge} ms | - |`,
        `| Peak RSS of a bot process during the tick (${u.rssBeforeTickMb} MB before it; seeding in another process) | ${u.peakRssMbPerProcess} MB | < 250 MB at 150,000 |`,
        `| Store operations per delivered nudge | ${u.storeOpsPerNudge} | - |`,
        ...(u.requestUnitsPerNudge !== undefined
          ? [
              `| Request units per delivered nudge (${u.requestUnitsSource}) | ${u.requestUnitsPerNudge} RU | - |`,
              `| RU per nudge by operation | ${describeRequestUnits(u.requestUnitsPerNudgeByOperation ?? {})} | - |`,
            ]
          : []),
      ].join('\n') +
      judgeTargets([
        {
          name: 'sends at the tenant limit',
          met: l.percentOfLimit >= 95,
          detail: `${l.percentOfLimit}% of the weekly share against >= 95%`,
        },
        {
          name: 'most sends in any 1 s',
          met: l.maxInAnyOneSecondWindow <= l.tenantLimitPerSecond,
          detail: `${l.maxInAnyOneSecondWindow} against <= ${l.tenantLimitPerSecond}`,
        },
        {
          name: 'duplicates',
          met: l.duplicates === 0 && u.duplicates === 0,
          detail: `${l.duplicates} / ${u.duplicates} against 0`,
        },
        {
          name: 'people not reached',
          met: l.notReached === 0 && u.notReached === 0,
          detail: `${l.notReached} / ${u.notReached} against 0`,
        },
        ...(args.store === 'embedded'
          ? [
              {
                name: 'own throughput',
                met: u.nudgesPerSecond >= 1000,
                detail: `${u.nudgesPerSecond} nudges/s against >= 1000/s`,
              },
            ]
          : []),
      ]);
    mergeResults(`delivery-${args.store}-${args.instances}x-${args.users}`, { ...results, markdown: md });
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
