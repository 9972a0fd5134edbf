import type { Nudge } from '../content/types';
import { isForEveryone } from '../content/coverage';
import type { NudgeHistory, Role } from '../domain';
import { createSeededRandom } from './seeded-random';

/** What the choice of a nudge depends on. */
export interface SelectionInput {
  nudges: readonly Nudge[];
  /** The owner's role; undefined (a team) means every nudge suits. */
  role?: Role;
  /**
   * A person who has not chosen their role yet (they pressed Start on an invite and never saved the
   * form): only nudges written for every role suit, never ones written for one role.
   */
  everyoneOnly?: boolean;
  history: NudgeHistory;
  /** Behaviour ids the owner chose to focus on: while set, only their nudges are chosen. */
  focus: readonly string[];
  /** Average recent self-rating (1..5) per behaviour id; absent behaviours are unrated. */
  ratings: ReadonlyMap<string, number>;
  /** Any string; the same seed and inputs always give the same nudge (e.g. `${ownerId}|${period}`). */
  seed: string;
}

export interface Selection {
  nudge: Nudge;
  /** True when every suitable nudge had been seen, so this choice starts a new cycle. */
  cycleReset: boolean;
}

const RATING_WEIGHT = 0.5; // per point below 5
const NOT_USEFUL_FACTOR = 0.1;

function weightOf(n: Nudge, input: SelectionInput, notUseful: ReadonlySet<string>): number {
  let w = 1;
  const rating = input.ratings.get(n.behaviour);
  if (rating !== undefined) w += Math.max(0, 5 - rating) * RATING_WEIGHT;
  if (notUseful.has(n.id)) w *= NOT_USEFUL_FACTOR;
  return w;
}

/**
 * Chooses the next nudge for an owner: suited to their role and, while they chose focus
 * behaviours, only about those (all behaviours when none of the focus ones has a nudge for the
 * role); none repeated until every suitable nudge has been seen (then a new cycle starts); never
 * the same behaviour as last time when any other will do; weighted towards low recent
 * self-ratings and away from nudges marked not useful. Pure and deterministic given `seed`.
 * Undefined when no nudge suits.
 */
export function selectNudge(input: SelectionInput): Selection | undefined {
  const forRole = input.nudges
    .filter((n) => suits(n, input.role, input.everyoneOnly))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const focused = forRole.filter((n) => input.focus.includes(n.behaviour));
  const suitable = focused.length > 0 ? focused : forRole;
  if (suitable.length === 0) return undefined;
  const seen = new Set(input.history.seen);
  let pool = suitable.filter((n) => !seen.has(n.id));
  const cycleReset = pool.length === 0;
  if (cycleReset) pool = suitable;
  const otherBehaviour = pool.filter((n) => n.behaviour !== input.history.lastBehaviour);
  if (otherBehaviour.length > 0) pool = otherBehaviour;
  const notUseful = new Set(input.history.notUseful);
  const weights = pool.map((n) => weightOf(n, input, notUseful));
  const total = weights.reduce((s, w) => s + w, 0);
  let r = createSeededRandom(input.seed)() * total;
  for (let i = 0; i < pool.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return { nudge: pool[i] as Nudge, cycleReset };
  }
  return { nudge: pool[pool.length - 1] as Nudge, cycleReset };
}

/** True when the owner has seen every nudge suited to them, so the next one starts a new cycle. */
export function hasSeenAllSuitable(
  nudges: readonly Nudge[],
  role: Role | undefined,
  seen: readonly string[],
  everyoneOnly = false,
): boolean {
  const seenSet = new Set(seen);
  return nudges.filter((n) => suits(n, role, everyoneOnly)).every((n) => seenSet.has(n.id));
}

/** Whether a nudge suits an owner: any for a team; for a person, one written for their role, or for everyone. */
function suits(n: Pick<Nudge, 'roles'>, role: Role | undefined, everyoneOnly = false): boolean {
  if (everyoneOnly) return isForEveryone(n.roles);
  return role === undefined || n.roles.includes(role);
}

/** The owner's history after a nudge went out (or may have: 'unknown' counts as seen). */
export function recordNudgeInHistory(
  history: NudgeHistory,
  nudge: { id: string; behaviour: string },
  cycleReset: boolean,
): NudgeHistory {
  const seen = cycleReset ? [nudge.id] : [...history.seen.filter((id) => id !== nudge.id), nudge.id];
  return { ...history, seen, lastBehaviour: nudge.behaviour, sentCount: history.sentCount + 1 };
}
