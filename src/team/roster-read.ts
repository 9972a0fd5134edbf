import { randomBytes } from 'node:crypto';
import { isConflict, isPreconditionFailed } from '../store/errors';
import type { RolloutMemberRecord, RosterJobRecord, RosterMember } from '../domain';
import { applyRosterJoin, applyRosterLeave } from './roster-membership';
import type { RosterDeps, RosterPlace } from './roster-welcome';
import type { RosterJobHandler } from '../delivery/types';

/** The id of a team's roster-read job (one per team). */
export const rosterJobId = (teamId: string): string => `roster|${teamId}`;

/** The counts a roster read keeps (never names). */
export type RosterCounts = RosterJobRecord['counts'];

const emptyCounts = (): RosterCounts => ({ members: 0, invited: 0, known: 0, declined: 0, guests: 0, left: 0 });

/** Members handled at once (store calls in flight) while a page is applied. */
const CONCURRENCY = 8;

function freshJob(deps: RosterDeps, place: RosterPlace): RosterJobRecord {
  const nowIso = deps.now().toISOString();
  return {
    id: rosterJobId(place.teamId),
    kind: 'roster',
    tenantId: place.tenantId,
    teamId: place.teamId,
    serviceUrl: place.serviceUrl,
    botId: place.botId,
    state: 'pending',
    runId: `${nowIso}|${randomBytes(4).toString('hex')}`,
    startedAt: nowIso,
    pagesRead: 0,
    counts: emptyCounts(),
    attempts: 0,
    updatedAt: nowIso,
    ttl: deps.config.retentionDays * 86400,
  };
}

/**
 * Asks for the team's whole roster to be read, outside the Teams turn: the delivery engine's next
 * tick reads it page by page (src/delivery/roster-jobs.ts). A read already waiting or under way is
 * left to finish (Teams may send the add twice, or two instances get it); a finished or refused one
 * starts again from the first page. Two store operations; never reads the roster itself.
 */
export async function queueRosterRead(deps: RosterDeps, place: RosterPlace): Promise<'queued' | 'already_queued'> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = (await deps.store.rollout.get(place.tenantId, rosterJobId(place.teamId))) as
      (RosterJobRecord & { etag: string }) | undefined;
    try {
      if (!current) await deps.store.rollout.create(freshJob(deps, place));
      else if (current.state === 'pending') return 'already_queued';
      else await deps.store.rollout.replace(freshJob(deps, place), current.etag);
      return 'queued';
    } catch (err) {
      if (!isConflict(err) && !isPreconditionFailed(err)) throw err;
    }
  }
  return 'already_queued';
}

/**
 * Applies one page of the roster a job read: every member through applyRosterJoin (the one place a
 * member is added). Idempotent, so a page applied again after a crash welcomes nobody twice.
 * Undefined (nothing applied) when the team is no longer active.
 */
export async function applyRosterPage(
  deps: RosterDeps,
  job: RosterJobRecord,
  members: readonly RosterMember[],
): Promise<RosterCounts | undefined> {
  const team = await deps.store.teams.get(job.teamId, job.teamId);
  // Taken out of the team (or it was deleted or archived) since the read was queued: invite nobody.
  if (team?.status !== 'active') return undefined;
  const options = { run: job.runId, welcomeGuests: team?.settings.welcomeGuests === true };
  const place: RosterPlace = {
    teamId: job.teamId,
    tenantId: job.tenantId,
    serviceUrl: job.serviceUrl,
    botId: job.botId,
  };
  const counts = emptyCounts();
  const queue = [...members];
  const worker = async (): Promise<void> => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      const outcome = await applyRosterJoin(deps, place, m, options);
      if (outcome === 'skipped') continue;
      if (outcome === 'guest') counts.guests++;
      else {
        counts.members++;
        counts[outcome]++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return counts;
}

/**
 * After the last page: members recorded for the team that this read did not see have left, through
 * applyRosterLeave. A member who joined (by event) after the read began is kept. Returns how many left.
 */
export async function finishRosterRead(deps: RosterDeps, job: RosterJobRecord): Promise<number> {
  const recorded = (await deps.store.rollout.query({
    partitionKey: job.tenantId,
    where: [
      { field: 'tenantId', op: '=', value: job.tenantId },
      { field: 'kind', op: '=', value: 'member' },
      { field: 'teamId', op: '=', value: job.teamId },
    ],
  })) as RolloutMemberRecord[];
  let left = 0;
  for (const r of recorded) {
    if (r.rosterRun === job.runId || r.updatedAt >= job.startedAt) continue;
    if (await applyRosterLeave(deps, r)) left++;
  }
  return left;
}

/** The team module's side of the engine's roster jobs, for the composition root to wire. */
export function rosterJobHandler(deps: RosterDeps): RosterJobHandler {
  return {
    applyPage: (job, members) => applyRosterPage(deps, job, members),
    finish: (job) => finishRosterRead(deps, job),
  };
}
