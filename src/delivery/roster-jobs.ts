import { isPreconditionFailed } from '../store/errors';
import type { Versioned } from '../store/port';
import type { RosterJobRecord } from '../domain';
import { backoffDelayMs, classifySendFailure } from './retry-policy';
import { acquireLease, type HeldLease } from './tenant-lease';
import type { TickContext } from './tick-context';

/** The lease that lets one instance read a team's roster. */
export const rosterLeaseId = (teamId: string): string => `roster|${teamId}`;

/** Pages read per job in one tick (500 members a page); the rest is read at the next tick, from the cursor. */
export const ROSTER_PAGES_PER_TICK = 20;
/** Roster jobs picked up per tick. */
const JOBS_PER_TICK = 20;
/** Failed attempts in a row (network, 5xx, 401) before a read is given up (a new add starts it again). */
const MAX_JOB_ATTEMPTS = 8;
/** 429s answered within one page before the read waits for the next tick. */
const MAX_THROTTLED = 5;
/** Statuses that end the read for good: the team is gone, or the bot is no longer in it. */
const FINAL_STATUSES = new Set([403, 404]);

/** What the roster jobs of one tick did, as counts. */
export interface RosterTickCounters {
  pages: number;
  finished: number;
  /** Jobs left to another instance (its lease was held). */
  busy: number;
  failed: number;
}

/**
 * Reads the team rosters the team module queued (src/team/roster-read.ts), outside any Teams turn:
 * for each pending job, under a lease (`roster|teamId`) so one instance reads it, page by page from
 * its cursor (Teams' continuation token), each page within the tenant's shared limiter, each applied
 * through the team module and the cursor saved after it. A crash re-reads at most the page it was
 * applying, and applying is idempotent. After the last page, members not seen have left.
 */
export async function runRosterJobs(ctx: TickContext): Promise<RosterTickCounters> {
  const { deps } = ctx;
  const counters: RosterTickCounters = { pages: 0, finished: 0, busy: 0, failed: 0 };
  if (!deps.roster || !deps.sender.readRosterPage) return counters;
  const jobs = (await deps.store.rollout.query({
    where: [
      { field: 'kind', op: '=', value: 'roster' },
      { field: 'state', op: '=', value: 'pending' },
    ],
    limit: JOBS_PER_TICK,
  })) as Versioned<RosterJobRecord>[];
  for (const job of jobs) {
    if (job.notBefore && Date.parse(job.notBefore) > ctx.now().getTime()) continue;
    const lease = await acquireLease(
      deps.store,
      rosterLeaseId(job.teamId),
      deps.instanceId,
      deps.config.senderLeaseMs,
      ctx.now,
    );
    if (!lease) {
      counters.busy++;
      continue;
    }
    try {
      await readRoster(ctx, job, lease, counters);
    } catch (err) {
      // The store failed, or the process is being stopped: the job keeps its cursor for the next tick.
      deps.logger.error({ err, event: 'team.roster.stopped', teamId: job.teamId }, 'roster read stopped');
    } finally {
      await lease
        .release()
        .catch((err: unknown) => deps.logger.warn({ err, teamId: job.teamId }, 'roster lease release failed'));
    }
  }
  for (const [name, n] of Object.entries(counters)) if (n !== 0) deps.metrics.add(`roster.${name}`, n);
  return counters;
}

async function readRoster(
  ctx: TickContext,
  start: Versioned<RosterJobRecord>,
  lease: HeldLease,
  counters: RosterTickCounters,
): Promise<void> {
  const { deps } = ctx;
  const roster = deps.roster!;
  // Read again under the lease: another instance may have moved the cursor since the query.
  let job = (await deps.store.rollout.get(start.tenantId, start.id)) as Versioned<RosterJobRecord> | undefined;
  if (job?.kind !== 'roster' || job.state !== 'pending') return;
  const limiter = ctx.limiters.forTenant(job.tenantId);
  let throttled = 0;
  for (let pages = 0; pages < ROSTER_PAGES_PER_TICK;) {
    let page;
    try {
      await limiter.acquire();
      page = await deps.sender.readRosterPage!({ serviceUrl: job.serviceUrl, teamId: job.teamId }, job.cursor);
    } catch (err) {
      const verdict = classifySendFailure(err);
      if (verdict.action === 'retry' && verdict.throttled && ++throttled <= MAX_THROTTLED) {
        limiter.slowDown(verdict.retryAfterMs ?? 1000);
        continue;
      }
      const status = (err as { status?: number }).status ?? 0;
      job = await recordFailure(ctx, job, verdict.outcome, FINAL_STATUSES.has(status));
      if (job?.state === 'failed') counters.failed++;
      return;
    }
    pages++;
    counters.pages++;
    const counts = await roster.applyPage(job, page.members);
    if (!counts) {
      // The bot left the team (or it was deleted or archived) since the read was queued.
      job = await saveJob(ctx, job, {
        ...withoutEtag(job),
        state: 'failed',
        lastError: 'team_stopped',
        updatedAt: ctx.now().toISOString(),
      });
      counters.failed++;
      return;
    }
    deps.rosterFault?.(job);
    const next: RosterJobRecord = {
      ...withoutEtag(job),
      cursor: page.continuationToken || undefined,
      pagesRead: job.pagesRead + 1,
      counts: addCounts(job.counts, counts),
      attempts: 0,
      updatedAt: ctx.now().toISOString(),
    };
    delete next.notBefore;
    delete next.lastError;
    if (!next.cursor) {
      next.counts.left += await roster.finish(next);
      next.state = 'done';
      next.finishedAt = next.updatedAt;
    }
    const saved = await saveJob(ctx, job, next);
    if (!saved) return;
    job = saved;
    if (job.state === 'done') {
      counters.finished++;
      deps.logger.info(
        { event: 'team.roster', teamId: job.teamId, pages: job.pagesRead, ...job.counts },
        'team roster read',
      );
      return;
    }
    if (!(await lease.renew())) return;
  }
}

const withoutEtag = ({ etag: _etag, ...job }: Versioned<RosterJobRecord>): RosterJobRecord => job;

function addCounts(a: RosterJobRecord['counts'], b: RosterJobRecord['counts']): RosterJobRecord['counts'] {
  return {
    members: a.members + b.members,
    invited: a.invited + b.invited,
    known: a.known + b.known,
    declined: a.declined + b.declined,
    guests: a.guests + b.guests,
    left: a.left + b.left,
  };
}

/** Saves the job conditionally; undefined when someone else changed it (a new read was queued). */
async function saveJob(
  ctx: TickContext,
  current: Versioned<RosterJobRecord>,
  next: RosterJobRecord,
): Promise<Versioned<RosterJobRecord> | undefined> {
  try {
    return (await ctx.deps.store.rollout.replace(next, current.etag)) as Versioned<RosterJobRecord>;
  } catch (err) {
    if (isPreconditionFailed(err)) return undefined;
    throw err;
  }
}

/** A failed page: tried again after a backoff, or given up when Teams refused it for good or too often. */
async function recordFailure(
  ctx: TickContext,
  job: Versioned<RosterJobRecord>,
  outcome: string,
  final: boolean,
): Promise<Versioned<RosterJobRecord> | undefined> {
  const { deps } = ctx;
  const attempts = job.attempts + 1;
  const giveUp = final || attempts >= MAX_JOB_ATTEMPTS;
  const wait = backoffDelayMs(attempts, 60_000, 3_600_000, ctx.random);
  const next: RosterJobRecord = {
    ...withoutEtag(job),
    attempts,
    lastError: outcome,
    state: giveUp ? 'failed' : 'pending',
    notBefore: new Date(ctx.now().getTime() + wait).toISOString(),
    updatedAt: ctx.now().toISOString(),
  };
  deps.logger.warn(
    { event: 'team.roster.failed', teamId: job.teamId, outcome, attempts, giveUp },
    'could not read a page of the team roster',
  );
  return saveJob(ctx, job, next);
}
