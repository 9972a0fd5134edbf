/**
 * Roll-out benchmark: Monday morning at national scale and the welcome burst of a large roll-out.
 *
 * `npm run bench:rollout -- [--people 20000] [--default-share 0.6] [--limit 50] [--real-welcomes 1000]`
 *
 * 1. Lateness (simulated clock): `--people` in one tenant, `--default-share` of them on the default
 *    slot and the rest on a random day and minute (07:00-19:00) of the week. Due times come from the
 *    engine's own schedule (computeNextDue, Europe/London); the engine ticks every minute and takes
 *    owners oldest due first; every send waits for the engine's real TenantLimiter (Teams' 50/s per
 *    tenant), run on a virtual clock so a week takes seconds. Before: every default person at Monday
 *    09:00. After: the default slot spread over the hour by id (src/conversation/default-slot.ts).
 * 2. Welcome burst (same simulated clock): `--people` welcomes queued at once (an org-wide install or
 *    a team of that size); each is two calls within the limit (open the 1:1 chat, send the card).
 * 3. Welcome burst on the real engine (wall clock): `--real-welcomes` members read from a roster by
 *    the real roster code into a fresh embedded store, then one real tick (claims, leases, limiter)
 *    against an in-process Teams fake that counts calls per second and duplicates per person.
 *
 * Writes the figures to bench/results.json and bench/results.md (section "rollout"). Not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { inviteReply } from '../src/conversation/consent';
import { createCardRenderer } from '../src/cards/render';
import { deliveryConfigFrom } from '../src/delivery/delivery-config';
import { runTick } from '../src/delivery/run-tick';
import { TenantLimiter } from '../src/delivery/tenant-limiter';
import type { Sender } from '../src/delivery/sender';
import type { DeliveryDeps } from '../src/delivery/types';
import { silentLogger } from '../src/logger';
import { createEmbeddedStore } from '../src/store/embedded/embedded-store';
import { queueRosterRead, rosterJobHandler } from '../src/team/roster-read';
import type { RosterDeps } from '../src/team/roster-welcome';
import { runRosterJobs } from '../src/delivery/roster-jobs';
import { tickContextFor } from '../src/delivery/run-tick';
import { judgeTargets, mergeResults } from './results-file';
import { dueTimes, idOf, maxPerSecond, simulateWeek, virtualTiming, type Lateness } from './week-simulation';

const TENANT = '72f988bf-0000-0000-0000-0000000b3ac4';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number`);
  return v;
}

/** `n` welcomes queued at once: each opens a chat and sends a card, both within the limit. */
async function simulateWelcomeBurst(n: number, limit: number) {
  const clock = virtualTiming(0);
  const limiter = new TenantLimiter(limit, clock.timing);
  const calls: number[] = [];
  for (let i = 0; i < n * 2; i++) {
    await limiter.acquire();
    calls.push(clock.now);
  }
  const seconds = (calls[calls.length - 1] ?? 0) / 1000;
  return {
    welcomes: n,
    minutes: Math.round((seconds / 60) * 10) / 10,
    welcomesPerSecond: Math.round((n / seconds) * 10) / 10,
    maxCallsPerSecond: maxPerSecond(calls),
  };
}

/** The real roster read and one real tick of the engine against an in-process Teams fake. */
async function realWelcomeBurst(n: number, limit: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'nudges-rollout-bench-'));
  const store = createEmbeddedStore({ dataDir });
  await store.init();
  try {
    const config = loadConfig({ DATA_DIR: dataDir, TENANT_RATE_LIMIT: String(limit) });
    const members = Array.from({ length: n }, (_, i) => ({
      teamsUserId: `29:member-${i}`,
      aadObjectId: idOf(i),
      tenantId: TENANT,
      userRole: 'user',
    }));
    const teamDeps: RosterDeps = { store, config, now: () => new Date(), logger: silentLogger };
    const place = {
      teamId: '19:bench@thread.tacv2',
      tenantId: TENANT,
      serviceUrl: 'https://smba.example/',
      botId: '28:bench',
    };
    // The team the bot was added to (a roster read invites only for a team the bot is still in).
    const nowIso = new Date().toISOString();
    await store.teams.create({
      id: place.teamId,
      teamId: place.teamId,
      tenantId: TENANT,
      conversation: {
        serviceUrl: place.serviceUrl,
        conversationId: place.teamId,
        tenantId: TENANT,
        channelId: 'msteams',
        botId: place.botId,
        conversationType: 'channel',
      },
      settings: { enabled: false, day: 'mon', time: '09:00', timeZone: 'Europe/London', channelId: place.teamId },
      status: 'active',
      history: { seen: [], notUseful: [], sentCount: 0 },
      createdAt: nowIso,
      updatedAt: nowIso,
    });
    await queueRosterRead(teamDeps, place);
    const calls: number[] = [];
    const perPerson = new Map<string, number>();
    const sender: Sender = {
      openPersonalChat: async (to) => {
        calls.push(performance.now());
        return { conversationId: `a:1${to.userTeamsId}` };
      },
      send: async (to) => {
        calls.push(performance.now());
        perPerson.set(to.conversationId, (perPerson.get(to.conversationId) ?? 0) + 1);
        return { activityId: `act-${calls.length}` };
      },
      update: async () => undefined,
      readRosterPage: async (_team, token) => {
        const from = Number(token ?? 0);
        const next = from + 500;
        return { members: members.slice(from, next), continuationToken: next < n ? String(next) : undefined };
      },
    };
    const cards = createCardRenderer();
    const deps: DeliveryDeps = {
      store,
      nudges: [],
      sender,
      composeNudge: () => {
        throw new Error('no nudges in this bench');
      },
      composeConsent: (_owner, kind) =>
        inviteReply({ renderCard: (name, data) => cards.render(name, data), config }, kind),
      now: () => new Date(),
      instanceId: 'bench',
      logger: silentLogger,
      metrics: { add: () => undefined },
      config: deliveryConfigFrom(config),
      roster: rosterJobHandler(teamDeps),
    };
    // The roster job alone first (the engine's tick runs it before the welcomes), to time it apart.
    const readStarted = performance.now();
    await runRosterJobs(tickContextFor(deps));
    const rosterSeconds = (performance.now() - readStarted) / 1000;
    const job = await store.rollout.get(TENANT, `roster|${place.teamId}`);
    const read = job?.kind === 'roster' ? { pages: job.pagesRead, ...job.counts } : undefined;
    const started = performance.now();
    const counters = await runTick(deps);
    const seconds = (performance.now() - started) / 1000;
    const duplicates = [...perPerson.values()].filter((c) => c > 1).length;
    return {
      welcomes: n,
      rosterRead: read,
      rosterSeconds: Math.round(rosterSeconds * 10) / 10,
      seconds: Math.round(seconds * 10) / 10,
      sent: counters.sent,
      welcomesPerSecond: Math.round((counters.sent / seconds) * 10) / 10,
      maxCallsPerSecond: maxPerSecond(calls),
      duplicates,
      notReached: n - perPerson.size,
    };
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const people = arg('people', 20_000);
  const defaultShare = arg('default-share', 0.6);
  const limit = arg('limit', 50);
  const realWelcomes = arg('real-welcomes', 1000);
  const before = await simulateWeek(dueTimes(people, defaultShare, 'monday-0900'), limit);
  const after = await simulateWeek(dueTimes(people, defaultShare, 'monday-hour'), limit);
  const burst = await simulateWelcomeBurst(people, limit);
  const real = realWelcomes > 0 ? await realWelcomeBurst(realWelcomes, limit) : undefined;
  const fmt = (l: Lateness) => `${l.p50} / ${l.p95} / ${l.max}`;
  const markdown =
    [
      `## Roll-out (${new Date().toISOString().slice(0, 10)}, ${people} people in one tenant, ${Math.round(defaultShare * 100)}% on the default slot, ${limit}/s)`,
      '',
      "Simulated clock: the engine's schedule (computeNextDue) and its TenantLimiter on a virtual clock, minute ticks, oldest due first (bench/rollout.ts). Lateness = send time minus the person's slot, in minutes.",
      '',
      '| Measure | Before (default Monday 09:00) | After (default spread over 09:00-09:59 by id) |',
      '| --- | --- | --- |',
      `| Lateness p50 / p95 / max (minutes) | ${fmt(before)} | ${fmt(after)} |`,
      `| People due in the busiest minute | ${before.busiestMinute} | ${after.busiestMinute} |`,
      `| Most sends in any 1 s | ${before.maxPerSecond} | ${after.maxPerSecond} |`,
      '',
      '| Welcome burst | Result |',
      '| --- | --- |',
      `| ${burst.welcomes} welcomes at once (simulated; open chat + send each, both within the limit) | all welcomed in ${burst.minutes} min, ${burst.welcomesPerSecond} welcomes/s, at most ${burst.maxCallsPerSecond} calls in any 1 s |`,
      ...(real
        ? [
            `| ${real.welcomes} welcomes, real engine and embedded store, wall clock | roster read ${real.rosterSeconds} s (${real.rosterRead?.invited ?? 0} invited); all welcomed in ${real.seconds} s, ${real.welcomesPerSecond} welcomes/s, at most ${real.maxCallsPerSecond} calls in any 1 s, ${real.duplicates} duplicates, ${real.notReached} not reached |`,
          ]
        : []),
    ].join('\n') +
    judgeTargets([
      ...(real
        ? [
            {
              name: 'real welcome burst: duplicates and people not reached',
              met: real.duplicates === 0 && real.notReached === 0,
              detail: `${real.duplicates} duplicates, ${real.notReached} not reached, against 0`,
            },
          ]
        : []),
    ]);
  mergeResults('rollout', { markdown, people, defaultShare, limit, before, after, burst, real });
  console.log(markdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
