import { rolloutPersonId } from '../conversation/rollout-person';
import type { Store } from '../store/port';
import type { RolloutMemberRecord, RolloutPersonRecord, RolloutStatusRecord } from '../domain';

/** How a team's roll-out stands, as counts only: never a name, never who said what. */
export interface RolloutCounts {
  /** Members of the team now (people who left no longer count). */
  members: number;
  /** Members the bot has asked (welcome queued or sent), or who met it on their own. */
  invited: number;
  started: number;
  declined: number;
  /** Asked, no answer yet. */
  pending: number;
}

const CONCURRENCY = 16;

/**
 * Counts a team's members by what they said to the roll-out, from the hashed roll-out records alone
 * (one query for the team's members, one point read per member).
 */
export async function readRolloutCounts(store: Store, tenantId: string, teamId: string): Promise<RolloutCounts> {
  const members = (await store.rollout.query({
    partitionKey: tenantId,
    where: [
      { field: 'tenantId', op: '=', value: tenantId },
      { field: 'kind', op: '=', value: 'member' },
      { field: 'teamId', op: '=', value: teamId },
    ],
  })) as RolloutMemberRecord[];
  const counts: RolloutCounts = { members: members.length, invited: 0, started: 0, declined: 0, pending: 0 };
  const queue = [...members];
  const worker = async (): Promise<void> => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      const person = (await store.rollout.get(tenantId, rolloutPersonId(m.key))) as RolloutPersonRecord | undefined;
      if (!person) continue;
      counts.invited++;
      if (person.state === 'started') counts.started++;
      else if (person.state === 'declined') counts.declined++;
      else counts.pending++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return counts;
}

/** What may be shown of a team's roll-out: exact figures only for groups of at least the threshold. */
export interface ShownRollout {
  /** The team's size, or undefined when under the threshold (then nothing else is shown). */
  members?: number;
  /** Each figure shown, never from 0 to threshold-1; absent = not shown. */
  invited?: number;
  started?: number;
  declined?: number;
  pending?: number;
  notStarted?: number;
  /** The threshold used (MIN_GROUP_SIZE, never below 5). */
  threshold: number;
}

/**
 * Small-cell suppression of the roll-out counts, so a figure never points at a person (in a team of
 * six, "1 declined" does). Every count from 0 to threshold-1 is small: 0 too, so a first "No thanks"
 * or first Start does not change what is shown (0 -> 1 would). Then, with complementary suppression
 * so no hidden count can be worked out from the total and the others:
 * - the full breakdown (invited, started, declined, not answered) only when every cell, including the
 *   members not asked yet, is at least the threshold, and only where `breakdown` allows it (the
 *   operator's `nudges rollout`; the team's own `status` never shows "declined" on its own);
 * - else "started" and "not started yet" when both are at least the threshold;
 * - else only the team's size (saying which of the two is small would, in a team of 5 to 9, tell
 *   that everyone or no one started);
 * - a team smaller than the threshold shows no figures at all.
 */
export function shownRollout(c: RolloutCounts, minGroupSize: number, breakdown: boolean): ShownRollout {
  const k = Math.max(5, minGroupSize);
  const threshold = k;
  if (c.members < k) return { threshold };
  const notAsked = c.members - c.invited;
  const notStarted = c.members - c.started;
  if (breakdown && [c.started, c.declined, c.pending, notAsked].every((n) => n >= k)) {
    return {
      members: c.members,
      invited: c.invited,
      started: c.started,
      declined: c.declined,
      pending: c.pending,
      threshold,
    };
  }
  if (c.started >= k && notStarted >= k) return { members: c.members, started: c.started, notStarted, threshold };
  // Saying which of the two is small would tell, in a team of 5 to 9, that everyone (or no one) started.
  return { members: c.members, threshold };
}

/** The shown figures in one line, as the team's `status` and the operator's `nudges rollout` show them. */
export function rolloutLine(s: ShownRollout): string {
  if (s.members === undefined) {
    return `Fewer than ${s.threshold} members: no figures are shown for a team this small.`;
  }
  if (s.declined !== undefined) {
    return `${s.members} members: ${s.invited} invited, ${s.started} started, ${s.declined} declined, ${s.pending} not answered yet.`;
  }
  if (s.started !== undefined) return `${s.members} members: ${s.started} started, ${s.notStarted} not started yet.`;
  return `${s.members} members: fewer than ${s.threshold} have started, or fewer than ${s.threshold} have not, so no figures are shown.`;
}

/** Why some figures are hidden, for the card and the operator. */
export const suppressionNote = (threshold: number): string =>
  `Figures under ${threshold} (including 0) are not shown, nor any that would let them be worked out, so a count never points at someone who started or said no.`;

/** The id of a team's published status (in the roll-out records, partition tenant). */
export const rolloutStatusId = (teamId: string): string => `status|${teamId}`;

/** What the team's `status` shows: its size and starters as last published (see publishRolloutStatus). */
export type PublishedRollout = Pick<RolloutStatusRecord, 'members' | 'started' | 'updatedAt'>;

/**
 * The team's published roll-out figures, refreshed from `live` only when the team's size or its number
 * of starters differs from the last published by `k` (the minimum group size) or more, as poll results
 * are published in steps (security review N3). So a member leaving, a second team with one member
 * more, a start or a "delete my data" never shows as a change of one: any two views differ by at least
 * k people, or not at all. The first view publishes the live figures.
 */
export async function publishRolloutStatus(
  store: Store,
  tenantId: string,
  teamId: string,
  live: Pick<RolloutCounts, 'members' | 'started'>,
  k: number,
  now: Date,
  ttlSeconds: number,
): Promise<PublishedRollout> {
  const last = (await store.rollout.get(tenantId, rolloutStatusId(teamId))) as RolloutStatusRecord | undefined;
  if (last && Math.abs(live.members - last.members) < k && Math.abs(live.started - last.started) < k) return last;
  const next: RolloutStatusRecord = {
    id: rolloutStatusId(teamId),
    kind: 'status',
    tenantId,
    teamId,
    members: live.members,
    started: live.started,
    updatedAt: now.toISOString(),
    ttl: ttlSeconds,
  };
  await store.rollout.upsert(next);
  return next;
}

/**
 * A count as a band: "fewer than k", then k to 2k-1, 2k to 4k-1, 4k to 10k-1, 10k to 20k-1 ... (5-9,
 * 10-19, 20-49, 50-99, 100-199 ... for k = 5), so two teams that differ by one member show the same
 * figures except at a band's edge.
 */
export function bandOf(n: number, k: number): string {
  if (n < k) return `fewer than ${k}`;
  const edges = [1, 2, 4, 10, 20, 40, 100, 200, 400, 1000].map((m) => m * k);
  for (let i = 0; i < edges.length - 1; i++) if (n < edges[i + 1]!) return `${edges[i]}-${edges[i + 1]! - 1}`;
  return `${edges[edges.length - 1]} or more`;
}

/**
 * The team's `status` line: banded figures of the published status, with the same small-cell rule as
 * before (nothing for a team under k; starters and non-starters only when both are k or more).
 */
export function teamStatusLine(p: Pick<PublishedRollout, 'members' | 'started'>, minGroupSize: number): string {
  const k = Math.max(5, minGroupSize);
  if (p.members < k) return `Fewer than ${k} members: no figures are shown for a team this small.`;
  const notStarted = p.members - p.started;
  if (p.started >= k && notStarted >= k) {
    return `About ${bandOf(p.members, k)} members: ${bandOf(p.started, k)} have started, ${bandOf(notStarted, k)} not yet.`;
  }
  return `About ${bandOf(p.members, k)} members: fewer than ${k} have started, or fewer than ${k} have not, so no figures are shown.`;
}

/** Why the team's figures are banded and move in steps, for the `status` card. */
export const teamStatusNote = (k: number): string =>
  `Figures are shown in bands and change only when at least ${k} people have joined, left, started or stopped, so they never point at one person.`;
