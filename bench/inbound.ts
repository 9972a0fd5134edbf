/**
 * Inbound load benchmark (`npm run bench:inbound -- [--seconds 60] [--people 50] [--think-ms 1000]
 * [--store embedded|cosmos]`).
 * Not part of `npm test`. One bot instance (createApp, scheduler off) on a fresh store; each
 * simulated person is installed and has a delivered nudge, then all of them answer the poll and
 * save reflections concurrently for `--seconds`, through real Action.Execute invoke activities
 * POSTed over HTTP. Reports requests/s and p50/p95/p99 latency of the invoke responses (and, on
 * Cosmos, RU per card action) into bench/results.json and results.md. The load generator runs in
 * the same process as the bot, so the latencies include its share of the CPU.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { VERBS } from '../src/cards/verbs';
import { loadConfig } from '../src/config';
import { createStore } from '../src/store/create-store';
import type { Store } from '../src/store/port';
import { cardActionActivity, installActivity, messageActivity, person, type Person } from '../test/support/activities';
import { startHarness, type Harness } from '../test/support/bot-harness';
import { startConnectorDouble } from '../test/support/connector-double';
import { COSMOS_TEST_KEY, startCosmosServer, type CosmosTestServer } from '../test/support/cosmos-server';
import { buildBenchIfNeeded } from './build-bench';
import { judgeTargets, mergeResults } from './results-file';
import { describeRequestUnits, requestUnitsByOperation, requestUnitsOf } from './ru-estimate';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

interface Nudged {
  p: Person;
  deliveryId: string;
  nudgeId: string;
  pollId: string;
  options: string[];
}

async function prepare(h: Harness, n: number): Promise<Nudged[]> {
  const people: Nudged[] = [];
  for (let i = 0; i < n; i++) {
    const p = person(1000 + i);
    await h.post(installActivity(p, h.connector.url));
    await h.post(messageActivity(p, h.connector.url, 'nudge'));
    const [d] = await h.app.store.deliveries.query({ partitionKey: p.aadObjectId });
    const nudge = h.app.deps.content.nudges.find((x) => x.id === d?.nudgeId);
    if (!d || !nudge) throw new Error(`person ${i} got no nudge`);
    people.push({
      p,
      deliveryId: d.id,
      nudgeId: d.nudgeId,
      pollId: nudge.poll.id,
      options: nudge.poll.options.map((o) => o.id),
    });
  }
  return people;
}

async function main(): Promise<void> {
  const seconds = Number(arg('seconds', '60'));
  const n = Number(arg('people', '50'));
  const storeKind = arg('store', 'embedded') as 'embedded' | 'cosmos';
  // Each person pauses 0.5-1.5 x this between actions (0 = a closed-loop saturation test).
  const thinkMs = Number(arg('think-ms', '1000'));
  let cosmos: CosmosTestServer | undefined;
  let store: Store | undefined;
  if (storeKind === 'cosmos') {
    cosmos = await startCosmosServer();
    store = createStore(
      loadConfig({
        STORE: 'cosmos',
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: COSMOS_TEST_KEY,
        COSMOS_DATABASE: `inbound-${Date.now()}`,
      }),
    );
    await store.init();
  }
  const connector = await startConnectorDouble({ keepAliveTimeoutMs: 30_000 });
  const h = await startHarness({ connector, store, env: { LOG_LEVEL: 'silent' } });
  try {
    console.log(`preparing ${n} people (${storeKind} store)`);
    const people = await prepare(h, n);
    h.app.store.resetMetrics();
    // Where a slow answer comes from: the event loop blocked (our code, GC) or the CPU taken by others.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const gcPauses: number[] = [];
    const gcObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcPauses.push(e.duration);
    });
    gcObserver.observe({ entryTypes: ['gc'] });
    const cpu0 = process.cpuUsage();
    const latencies: number[] = [];
    let errors = 0;
    let polls = 0;
    let reflections = 0;
    const end = performance.now() + seconds * 1000;
    console.log(`${n} people answering polls and saving reflections for ${seconds} s`);
    await Promise.all(
      people.map(async (x, i) => {
        for (let k = i; performance.now() < end; k++) {
          const isPoll = k % 2 === 0;
          const data = isPoll
            ? {
                deliveryId: x.deliveryId,
                nudgeId: x.nudgeId,
                pollId: x.pollId,
                optionId: x.options[k % x.options.length],
                rating: String(1 + (k % 5)),
              }
            : { deliveryId: x.deliveryId, nudgeId: x.nudgeId, reflection: `Tried it on round ${k}; it went fine.` };
          const t0 = performance.now();
          const res = await h.post(
            cardActionActivity(x.p, h.connector.url, isPoll ? VERBS.pollAnswer : VERBS.reflectionSave, data),
          );
          latencies.push(performance.now() - t0);
          const body = res.body as { statusCode?: number } | undefined;
          if (res.status !== 200 || body?.statusCode !== 200) errors++;
          if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
          if (isPoll) polls++;
          else reflections++;
        }
      }),
    );
    loopDelay.disable();
    gcObserver.disconnect();
    const cpu = process.cpuUsage(cpu0);
    const sorted = [...latencies].sort((a, b) => a - b);
    const ops = h.app.store.metrics().ops;
    const ru = storeKind === 'cosmos' ? requestUnitsOf(ops) : undefined;
    const result = {
      date: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length },
      store: storeKind,
      people: n,
      seconds,
      thinkMs,
      requests: latencies.length,
      pollAnswers: polls,
      reflectionsSaved: reflections,
      errors,
      requestsPerSecond: round(latencies.length / seconds),
      latencyMs: {
        p50: round(percentile(sorted, 50)),
        p95: round(percentile(sorted, 95)),
        p99: round(percentile(sorted, 99)),
      },
      cpuMsPerCardAction: round((cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length), 2),
      eventLoopDelayMs: { p99: round(loopDelay.percentile(99) / 1e6), max: round(loopDelay.max / 1e6) },
      gcPauseMs: {
        count: gcPauses.length,
        max: round(Math.max(0, ...gcPauses)),
        total: round(gcPauses.reduce((a, b) => a + b, 0)),
      },
      storeOpsPerCardAction: round(
        Object.values(ops).reduce((s, e) => s + e.count, 0) / Math.max(1, latencies.length),
        2,
      ),
      requestUnitsPerCardAction: ru ? round(ru.ru / Math.max(1, latencies.length), 2) : undefined,
      requestUnitsSource: ru?.source,
      requestUnitsPerCardActionByOperation: ru ? requestUnitsByOperation(ops, latencies.length) : undefined,
    };
    const md =
      [
        `## Inbound card actions (${result.date.slice(0, 10)}, ${storeKind} store, 1 instance, ${n} people, ${thinkMs} ms think time, ${seconds} s, Node ${process.version}, ${result.machine.cpus} CPUs)`,
        '',
        `Real Action.Execute invokes over HTTP (poll answers and reflections, half each); the load generator shares the bot process. Load average at the end: ${loadavg()
          .map((x) => round(x, 2))
          .join(' / ')}.`,
        '',
        '| Measure | Result | Target |',
        '| --- | --- | --- |',
        `| Requests per second | ${result.requestsPerSecond} | - |`,
        `| Invoke latency p50 / p95 / p99 | ${result.latencyMs.p50} / ${result.latencyMs.p95} / ${result.latencyMs.p99} ms | p99 < 150 ms (embedded) |`,
        `| Errors | ${errors} of ${latencies.length} | 0 |`,
        `| CPU per card action (bot and load generator) | ${result.cpuMsPerCardAction} ms | - |`,
        `| Event-loop delay p99 / max; longest GC pause | ${result.eventLoopDelayMs.p99} / ${result.eventLoopDelayMs.max} ms; ${result.gcPauseMs.max} ms | - |`,
        `| Store operations per card action | ${result.storeOpsPerCardAction} | - |`,
        ...(ru
          ? [
              `| Request units per card action (${ru.source}) | ${result.requestUnitsPerCardAction} RU | - |`,
              `| RU per card action by operation | ${describeRequestUnits(result.requestUnitsPerCardActionByOperation ?? {})} | - |`,
            ]
          : []),
      ].join('\n') +
      judgeTargets([
        ...(storeKind === 'embedded'
          ? [
              {
                name: 'invoke latency p99',
                met: result.latencyMs.p99 < 150,
                detail: `${result.latencyMs.p99} ms against < 150 ms`,
              },
            ]
          : []),
        { name: 'errors', met: errors === 0, detail: `${errors} against 0` },
      ]);
    mergeResults(`inbound-${storeKind}-think${thinkMs}`, { ...result, markdown: md });
    console.log(md);
  } finally {
    await h.close();
    await connector.close();
    await cosmos?.stop();
  }
}

/**
 * Under ts-node, re-runs itself as compiled JS: the TypeScript compiler kept in memory would make
 * every garbage collection (and so the latency tail) far longer than in the real, compiled app.
 */
function runCompiled(): boolean {
  if (!__filename.endsWith('.ts')) return false;
  const script = join(buildBenchIfNeeded(), 'inbound.js');
  const child = fork(script, process.argv.slice(2), { stdio: 'inherit' });
  child.once('exit', (code) => (process.exitCode = code ?? 1));
  return true;
}

if (!runCompiled())
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
