/**
 * Many practices in one shared tenant (issue 25, item 7): NHSmail is one tenant, and each practice in
 * it is the unit. `--practices` practices of 15 people each (one team per practice, its first member
 * the lead) in ONE tenant, in a fresh embedded store, through the real app (createApp) with an
 * in-process Teams fake for the sender.
 *
 * `npm run bench:practices -- [--practices 2000] [--due 300] [--samples 20] [--write-results]`
 *
 * 1. The weekly run: `--due` people (spread over the practices) due now, the rest next week; one
 *    real tick (runTick: due query, claims, leases, real nudge cards) at no rate limit, so it times
 *    our work and not Teams' 50/s. Store operations per nudge, and the p95 gap between sends.
 * 2. Roster syncs: `--samples` practices' teams read again by the engine's durable roster job
 *    (queueRosterRead, then runRosterJobs: applyRosterPage / finishRosterRead), each roster with one
 *    member gone and one new: store operations and p95 latency of one practice's sync.
 * 3. `insights` in personal chat for `--samples` practices' leads (answerInsights: decideInsights,
 *    then insightsReply and its table): store operations and p95 latency for one practice.
 *
 * Each size writes its own section (practices-<n>). A run compares itself with the section of a
 * smaller run in the same results file (run `--practices 200` first): one practice's sync and
 * insights must cost the same store operations (within 10%) and a p95 within 3 times the smaller
 * run's (plus 20 ms for a busy machine); the weekly run's operations per nudge within 10%. Not a test.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { PLACES } from '../src/content/places';
import { runRosterJobs } from '../src/delivery/roster-jobs';
import { runTick, tickContextFor } from '../src/delivery/run-tick';
import type { Sender } from '../src/delivery/sender';
import type { DeliveryDeps } from '../src/delivery/types';
import type { RosterJobRecord, RosterMember, TeamRecord, UserRecord } from '../src/domain';
import { answerInsights } from '../src/insights/insights-access';
import { silentLogger } from '../src/logger';
import { noteTeamAddedBy, setUpPractice } from '../src/practice/practice-setup';
import { createEmbeddedStore } from '../src/store/embedded/embedded-store';
import type { Store } from '../src/store/port';
import { applyRosterPage, queueRosterRead } from '../src/team/roster-read';
import { judgeTargets, mergeResults, resultsDir, type Target } from './results-file';
import { idOf } from './week-simulation';

const TENANT = '72f988bf-0000-0000-0000-0000000b3ac5';
const TEAM_SIZE = 15;
const SERVICE_URL = 'https://smba.example/';
const BOT_ID = '28:bench';
/** Practices seeded at once (store calls in flight). */
const SEED_CONCURRENCY = 8;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} needs a positive whole number`);
  return v;
}

const teamIdOf = (p: number) => `19:practice-${p}@thread.tacv2`;
const memberOf = (i: number): RosterMember => ({
  teamsUserId: `29:member-${i}`,
  aadObjectId: idOf(i),
  tenantId: TENANT,
  userRole: 'user',
});
const leadOf = (p: number) => idOf(p * TEAM_SIZE);

/** Store operations since the last reset, in all and by kind. */
function opsOf(store: Store): { total: number; byKind: Record<string, number> } {
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const [kind, o] of Object.entries(store.metrics().ops)) {
    byKind[kind] = o.count;
    total += o.count;
  }
  return { total, byKind };
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const round = (v: number, places = 1) => Math.round(v * 10 ** places) / 10 ** places;

/** The team record the bot keeps for a team it was added to. */
function teamDoc(teamId: string, nowIso: string): TeamRecord {
  return {
    id: teamId,
    teamId,
    tenantId: TENANT,
    conversation: {
      serviceUrl: SERVICE_URL,
      conversationId: teamId,
      tenantId: TENANT,
      channelId: 'msteams',
      botId: BOT_ID,
      conversationType: 'channel',
    },
    settings: { enabled: false, day: 'mon', time: '09:00', timeZone: 'Europe/London', channelId: teamId },
    status: 'active',
    history: { seen: [], notUseful: [], sentCount: 0 },
    createdAt: nowIso,
    updatedAt: nowIso,
  };
}

/** A person who started (the shape the engine reads; see test/delivery/engine-fixture.ts buildUser). */
function userDoc(i: number, nextDueAt: string, nowIso: string): UserRecord {
  const id = idOf(i);
  return {
    id,
    userId: id,
    tenantId: TENANT,
    conversation: {
      serviceUrl: SERVICE_URL,
      conversationId: `a:conv-${i}`,
      tenantId: TENANT,
      channelId: 'msteams',
      conversationType: 'personal',
    },
    prefs: { role: 'gp', timeZone: 'Europe/London', day: 'mon', time: '09:00', frequency: 'weekly', focus: [] },
    onboarded: true,
    status: 'active',
    nextDueAt,
    history: { seen: [], notUseful: [], sentCount: 0 },
    createdAt: nowIso,
    updatedAt: nowIso,
  };
}

/**
 * One practice as it is after set-up and a first roster read: its team, the practice with its lead
 * (the real use cases), its 15 people, and their memberships (the real roster page, as the engine
 * applies it). People whose index is a multiple of `dueEvery` are due now, the rest next week.
 */
async function seedPractice(app: App, p: number, dueEvery: number): Promise<void> {
  const { store } = app;
  const now = new Date();
  const nowIso = now.toISOString();
  const teamId = teamIdOf(p);
  const deps = { store, now: () => now };
  await store.teams.create(teamDoc(teamId, nowIso));
  await noteTeamAddedBy(deps, TENANT, teamId, leadOf(p));
  await setUpPractice(
    deps,
    { tenantId: TENANT, userId: leadOf(p), teamId },
    { name: `Practice ${String(p).padStart(5, '0')}`, place: PLACES[0]!.id },
  );
  const dueAt = new Date(now.getTime() - 60_000).toISOString();
  const nextWeek = new Date(now.getTime() + 3 * 86_400_000).toISOString();
  const members: RosterMember[] = [];
  for (let j = 0; j < TEAM_SIZE; j++) {
    const i = p * TEAM_SIZE + j;
    await store.users.create(userDoc(i, i % dueEvery === 0 ? dueAt : nextWeek, nowIso));
    members.push(memberOf(i));
  }
  const job = {
    id: `roster|${teamId}`,
    kind: 'roster',
    tenantId: TENANT,
    teamId,
    serviceUrl: SERVICE_URL,
    botId: BOT_ID,
    state: 'done',
    runId: `seed|${p}`,
    startedAt: nowIso,
    pagesRead: 1,
    counts: { members: 0, invited: 0, known: 0, declined: 0, guests: 0, left: 0 },
    attempts: 0,
    updatedAt: nowIso,
  } as RosterJobRecord;
  await applyRosterPage(app.deps, job, members);
}

/** Teams, faked in process: counts sends, and serves each team's roster as one page. */
function fakeTeams() {
  const sendTimes: number[] = [];
  const rosters = new Map<string, RosterMember[]>();
  const sender: Sender = {
    openPersonalChat: async (to) => ({ conversationId: `a:1${to.userTeamsId}` }),
    send: async () => {
      sendTimes.push(performance.now());
      return { activityId: `act-${sendTimes.length}` };
    },
    update: async () => undefined,
    readRosterPage: async (team) => ({ members: rosters.get(team.teamId) ?? [] }),
  };
  return { sender, sendTimes, rosters };
}

/** The engine's deps with the fake Teams and no tenant rate limit (0 = unlimited): our own work only. */
function engineDeps(app: App, sender: Sender): DeliveryDeps {
  const { tenantLimiters: _shared, ...deps } = app.delivery.deps;
  return { ...deps, sender, config: { ...deps.config, tenantRateLimit: 0 } };
}

interface Measure {
  samples: number;
  /** Store operations per sample (mean), and per sample the fewest and most. */
  ops: number;
  opsMin: number;
  opsMax: number;
  opsByKind: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
}

/** Runs `once(k)` for each sample, counting store operations and wall time of each. */
async function measure(store: Store, samples: number, once: (k: number) => Promise<void>): Promise<Measure> {
  const times: number[] = [];
  const counts: number[] = [];
  const byKind: Record<string, number> = {};
  for (let k = 0; k < samples; k++) {
    store.resetMetrics();
    const t0 = performance.now();
    await once(k);
    times.push(performance.now() - t0);
    const ops = opsOf(store);
    counts.push(ops.total);
    for (const [kind, n] of Object.entries(ops.byKind)) byKind[kind] = (byKind[kind] ?? 0) + n;
  }
  const mean = counts.reduce((a, b) => a + b, 0) / samples;
  return {
    samples,
    ops: round(mean),
    opsMin: Math.min(...counts),
    opsMax: Math.max(...counts),
    opsByKind: Object.fromEntries(Object.entries(byKind).map(([k, n]) => [k, round(n / samples)])),
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
  };
}

interface WeeklyRun {
  due: number;
  sent: number;
  seconds: number;
  nudgesPerSecond: number;
  ops: number;
  opsPerNudge: number;
  opsByKind: Record<string, number>;
  /** The gap between one send and the next, in ms (the engine's work per nudge, at no rate limit). */
  gapP50Ms: number;
  gapP95Ms: number;
}

async function weeklyRun(app: App, due: number): Promise<WeeklyRun> {
  const teams = fakeTeams();
  app.store.resetMetrics();
  const t0 = performance.now();
  const counters = await runTick(engineDeps(app, teams.sender));
  const seconds = (performance.now() - t0) / 1000;
  const ops = opsOf(app.store);
  const times = [t0, ...teams.sendTimes];
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  return {
    due,
    sent: counters.sent,
    seconds: round(seconds),
    nudgesPerSecond: round(counters.sent / seconds),
    ops: ops.total,
    opsPerNudge: round(ops.total / Math.max(1, counters.sent), 2),
    opsByKind: ops.byKind,
    gapP50Ms: round(percentile(gaps, 50), 2),
    gapP95Ms: round(percentile(gaps, 95), 2),
  };
}

/** One practice's team read again by the engine's roster job: its last member gone, one new member. */
async function rosterSync(app: App, practices: number, k: number): Promise<void> {
  const p = (k * 7) % practices;
  const teams = fakeTeams();
  const teamId = teamIdOf(p);
  const stayed = Array.from({ length: TEAM_SIZE - 1 }, (_, j) => memberOf(p * TEAM_SIZE + j));
  teams.rosters.set(teamId, [...stayed, memberOf(practices * TEAM_SIZE + p)]);
  const place = { teamId, tenantId: TENANT, serviceUrl: SERVICE_URL, botId: BOT_ID };
  await queueRosterRead(app.deps, place);
  const done = await runRosterJobs(tickContextFor(engineDeps(app, teams.sender)));
  if (done.finished !== 1) throw new Error(`the roster job of ${teamId} did not finish: ${JSON.stringify(done)}`);
}

/** `insights` typed in personal chat by a practice's lead: the decision and the card. */
async function insightsForLead(app: App, practices: number, k: number): Promise<void> {
  const p = (k * 11 + 3) % practices;
  const who = { tenantId: TENANT, userId: leadOf(p), aadObjectId: leadOf(p), scope: 'personal' as const };
  const reply = await answerInsights(app.deps, who);
  if (!reply.summary.startsWith('Leadership insights')) throw new Error(`lead of practice ${p} got: ${reply.summary}`);
}

interface SizeResult {
  practices: number;
  people: number;
  seedSeconds: number;
  weekly: WeeklyRun;
  roster: Measure;
  insights: Measure;
}

async function runAtSize(practices: number, due: number, samples: number): Promise<SizeResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nudges-practices-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir });
  const store = createEmbeddedStore({ dataDir, purgeIntervalMs: 0 });
  const app = await createApp({ config, store, scheduler: false, logger: silentLogger });
  try {
    const people = practices * TEAM_SIZE;
    const dueEvery = Math.max(1, Math.floor(people / due));
    const seedStarted = performance.now();
    let next = 0;
    const seeder = async () => {
      for (let p = next++; p < practices; p = next++) await seedPractice(app, p, dueEvery);
    };
    await Promise.all(Array.from({ length: SEED_CONCURRENCY }, seeder));
    const seedSeconds = round((performance.now() - seedStarted) / 1000);
    console.error(`${practices} practices (${people} people) seeded in ${seedSeconds} s`);
    const weekly = await weeklyRun(app, Math.ceil(people / dueEvery));
    const roster = await measure(app.store, samples, (k) => rosterSync(app, practices, k));
    const insights = await measure(app.store, samples, (k) => insightsForLead(app, practices, k));
    return { practices, people, seedSeconds, weekly, roster, insights };
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The section of the largest smaller run in the results file, to compare with. */
function smallerRun(practices: number): SizeResult | undefined {
  const path = join(resultsDir(), 'results.json');
  if (!existsSync(path)) return undefined;
  const runs = (JSON.parse(readFileSync(path, 'utf8')) as { runs?: Record<string, { result?: SizeResult }> }).runs;
  const smaller = Object.entries(runs ?? {})
    .filter(([key, s]) => key.startsWith('practices-') && s.result && s.result.practices < practices)
    .map(([, s]) => s.result!)
    .sort((a, b) => b.practices - a.practices);
  return smaller[0];
}

function growthTargets(now: SizeResult, before: SizeResult): Target[] {
  const sameOps = (a: number, b: number) => a <= b * 1.1 + 0.5;
  const p95Within = (a: number, b: number) => a <= b * 3 + 20;
  const vs = `at ${now.practices} against ${before.practices} practices`;
  return [
    {
      name: "one practice's roster sync: store operations",
      met: sameOps(now.roster.ops, before.roster.ops),
      detail: `${now.roster.ops} against ${before.roster.ops} (${vs})`,
    },
    {
      name: "one practice's roster sync: p95",
      met: p95Within(now.roster.p95Ms, before.roster.p95Ms),
      detail: `${now.roster.p95Ms} ms against ${before.roster.p95Ms} ms (${vs}; at most 3x + 20 ms)`,
    },
    {
      name: 'insights for one practice: store operations',
      met: sameOps(now.insights.ops, before.insights.ops),
      detail: `${now.insights.ops} against ${before.insights.ops} (${vs})`,
    },
    {
      name: 'insights for one practice: p95',
      met: p95Within(now.insights.p95Ms, before.insights.p95Ms),
      detail: `${now.insights.p95Ms} ms against ${before.insights.p95Ms} ms (${vs}; at most 3x + 20 ms)`,
    },
    {
      name: 'weekly run: store operations per nudge',
      met: sameOps(now.weekly.opsPerNudge, before.weekly.opsPerNudge),
      detail: `${now.weekly.opsPerNudge} against ${before.weekly.opsPerNudge} (${vs})`,
    },
  ];
}

const topKinds = (byKind: Record<string, number>, n = 4) =>
  Object.entries(byKind)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

async function main(): Promise<void> {
  const practices = arg('practices', 2000);
  const due = arg('due', 300);
  const samples = arg('samples', 20);
  const r = await runAtSize(practices, due, samples);
  const before = smallerRun(practices);
  const targets: Target[] = [
    {
      name: 'weekly run: every due person nudged',
      met: r.weekly.sent === r.weekly.due,
      detail: `${r.weekly.sent} sent of ${r.weekly.due} due`,
    },
    ...(before ? growthTargets(r, before) : []),
  ];
  const m = (x: Measure) => `${x.ops} (${x.opsMin}-${x.opsMax}) | ${x.p50Ms} / ${x.p95Ms} ms`;
  const markdown =
    [
      `## Practices in one tenant (${new Date().toISOString().slice(0, 10)}, ${r.practices.toLocaleString('en-GB')} practices of ${TEAM_SIZE} = ${r.people.toLocaleString('en-GB')} people, embedded store)`,
      '',
      `Real app (createApp) on a fresh embedded store, Teams faked in process, no tenant rate limit (bench/practices.ts). Seeded through setUpPractice and the roster page the engine applies in ${r.seedSeconds} s. Operations are the store's op metrics per measured call; ${samples} samples each, different practices.`,
      '',
      '| Measure | Store operations (min-max) | p50 / p95 |',
      '| --- | --- | --- |',
      `| Weekly run: one tick, ${r.weekly.due} due of ${r.people.toLocaleString('en-GB')} | ${r.weekly.ops} in all, **${r.weekly.opsPerNudge} per nudge** (${r.weekly.sent} sent, ${r.weekly.nudgesPerSecond}/s, ${r.weekly.seconds} s, ${round((r.weekly.seconds * 1000) / Math.max(1, r.weekly.sent), 2)} ms a nudge) | ${r.weekly.gapP50Ms} / ${r.weekly.gapP95Ms} ms between one send and the next |`,
      `| One practice's roster sync (engine job, 1 left, 1 joined) | ${m(r.roster)} |`,
      `| \`insights\` for one practice (its lead, personal chat) | ${m(r.insights)} |`,
      '',
      `Most frequent operations: weekly run ${topKinds(r.weekly.opsByKind)}; roster sync ${topKinds(r.roster.opsByKind)}; insights ${topKinds(r.insights.opsByKind)}.`,
      '',
      before
        ? `Compared with the run at ${before.practices} practices: roster sync ${before.roster.ops} ops, p95 ${before.roster.p95Ms} ms; insights ${before.insights.ops} ops, p95 ${before.insights.p95Ms} ms; weekly run ${before.weekly.opsPerNudge} ops per nudge.`
        : 'No smaller run in this results file: this run is the one larger runs compare with.',
    ].join('\n') + judgeTargets(targets);
  mergeResults(`practices-${practices}`, { markdown, result: r });
  console.log(markdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
