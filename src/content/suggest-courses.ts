import type { Role } from '../domain';
import { canBeSuggested, suitsPerson, timeFits, TIME_ORDER } from './course-reasons';
import { whyLine, type ReasonContext } from './course-reasons';
import type { BehaviourId, Content, Course, CourseFormat, DevelopmentWay, TimeBand } from './types';

export { suggestDevelopmentWays, wayForNudge, type WaySuggestion, type NudgeWay } from './suggest-ways';

export interface SuggestCoursesOptions {
  role: Role;
  /** Where the person works (see places.ts); undefined means not set: England-wide offers only. */
  place?: string;
  /** Their profession within 'Nurse or other clinician', when they said (professions.ts). */
  profession?: string;
  /** The most time the person said they have; undefined means not set (treated as 'a few weeks'). */
  time?: TimeBand;
  /** The behaviour asked for ('courses compassion', or the nudge's): entries must cover it. */
  behaviour?: BehaviourId;
  /** The person's focus behaviours, used after lowRated when no behaviour is asked for. */
  focus?: readonly BehaviourId[];
  /** Behaviours the person rated themselves lowest on recently, lowest first. */
  lowRated?: readonly BehaviourId[];
  /** Filter the person chose on the card (relaxed only when nothing matches; the result then says so). */
  format?: CourseFormat;
  /** Filter the person chose on the card: entries taking at most this long (relaxed like `format`). */
  timeBand?: TimeBand;
  /** Preference: entries offering these ways rank higher (a nudge passes its own ways). */
  ways?: readonly DevelopmentWay[];
  limit?: number;
  /**
   * A nudge card passes its nudge id: the last slot then rotates, deterministically by this id, among the
   * candidates ranked at or below it that score nearly the same ({@link ROTATE_BAND} points), so a person
   * does not see the same three courses on every card of a theme.
   */
  rotateBy?: string;
}

/** How close (in points) a lower candidate must score to the last slot to share it in rotation. */
export const ROTATE_BAND = 12;

/** A small stable hash (FNV-1a) of a string, for deterministic rotation. */
function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Moves one of the near-equal candidates for the last slot into it, chosen by `seed`. */
function rotateLastSlot<T extends { points: number }>(ranked: T[], limit: number, seed: string | undefined): T[] {
  if (!seed || limit < 1 || ranked.length <= limit) return ranked;
  const last = limit - 1;
  const floor = ranked[last]!.points - ROTATE_BAND;
  const band = ranked.slice(last).filter((r) => r.points >= floor);
  if (band.length < 2) return ranked;
  const pick = band[stableHash(seed) % band.length]!;
  return [...ranked.slice(0, last), pick, ...ranked.slice(last).filter((r) => r !== pick)];
}

export interface CourseSuggestion {
  course: Course;
  /** Short reasons a person understands, e.g. ['made for practice managers in Wales', 'free']. */
  reasons: string[];
  /** The reasons as one line for a card ("why this"). */
  why: string;
  /** False when the entry misses one of the person's filters or their time (shown as "closest"). */
  exact: boolean;
}

/** When nothing matched every filter, the line a card shows above the closest suggestions. */
export const CLOSEST_NOTE = 'Nothing matched all your choices exactly. These are the closest.';
/** When no course fits at all (role, place, time, theme), what the nudge card says instead. */
export const NO_COURSE_NOTE =
  "No course on this theme fits your role, where you work and your time yet. The way to grow below is another route; type 'courses' for other themes.";

/** When no course on the theme fits the person's time but longer ones are open to them, what the nudge card says. */
export const LONGER_ONLY_NOTE =
  "No course on this theme fits the time you have; longer ones are open to you (type 'settings' and choose 'Months or more' to see them). The way to grow below is another route.";

/**
 * The nudge card's note when no course fits: {@link LONGER_ONLY_NOTE} when some on the theme would fit
 * with more time, else {@link NO_COURSE_NOTE}.
 */
export function noCourseNote(content: Content, options: SuggestCoursesOptions): string {
  const longer = suggestCourses(content, {
    ...options,
    format: undefined,
    timeBand: undefined,
    time: 'long',
    limit: 1,
  });
  return longer.length > 0 && options.time !== 'long' ? LONGER_ONLY_NOTE : NO_COURSE_NOTE;
}

/** Ways that make a catalogue entry something to learn from (as opposed to a mentoring or networking scheme). */
const LEARNING_WAYS: readonly DevelopmentWay[] = ['course', 'self-directed', 'on-the-job'];

/** The time a person has when they have not said: a few weeks. */
export const DEFAULT_TIME: TimeBand = 'medium';

function wantedBehaviours(o: SuggestCoursesOptions): { wanted: BehaviourId[]; lowRated: Set<BehaviourId> } {
  if (o.behaviour) return { wanted: [o.behaviour], lowRated: new Set() };
  const wanted: BehaviourId[] = [];
  for (const b of [...(o.lowRated ?? []), ...(o.focus ?? [])]) if (!wanted.includes(b)) wanted.push(b);
  return { wanted, lowRated: new Set(o.lowRated ?? []) };
}

const isFree = (c: Course): boolean => c.free === true || /^(funded|nes-funded)/i.test(c.cost);
const costStated = (c: Course): boolean => !/^not stated/i.test(c.cost);

/**
 * The one ranking every suggestion path uses (nudge card, `courses`, "More courses", "Suggested for you").
 * Points, in order of weight: the behaviour asked for (or lowest-rated, then focus); made for the
 * person's role; made for their nation or region; quicker first; free first; confirmed current first;
 * shares the nudge's ways. Ties are broken by title so the same input always gives the same list.
 */
function score(course: Course, o: SuggestCoursesOptions, wanted: readonly BehaviourId[], exact: boolean): number {
  const first = wanted.findIndex((b) => course.behaviours.includes(b));
  const behaviour =
    first < 0
      ? 0
      : Math.max(40, 100 - 10 * first) + 5 * (wanted.filter((b) => course.behaviours.includes(b)).length - 1);
  const roleFit = course.roles.length < 5 ? 6 : 0;
  const placeFit = course.places.includes('uk') || course.places.includes('england') ? 0 : 6;
  const quick = 12 - 6 * TIME_ORDER.indexOf(course.timeBand);
  const cost = isFree(course) ? 6 : costStated(course) ? 0 : 2;
  const current = course.status === 'current' ? 8 : 0;
  const ways = 4 * Math.min(2, (o.ways ?? []).filter((w) => course.ways.includes(w)).length);
  return behaviour + roleFit + placeFit + quick + cost + current + ways + (exact ? 1000 : 0);
}

/** The most time an entry may take: the time filter chosen on the card, else the person's own setting. */
const timeLimit = (o: SuggestCoursesOptions): TimeBand => o.timeBand ?? o.time ?? DEFAULT_TIME;

function matchesFilters(c: Course, o: SuggestCoursesOptions): boolean {
  if (o.format && c.format !== o.format) return false;
  return timeFits(c.timeBand, timeLimit(o));
}

/** When nothing matches exactly: drop the format filter and widen the time to the person's own setting, never beyond it. */
function closeEnough(c: Course, o: SuggestCoursesOptions): boolean {
  const mine = o.time ?? DEFAULT_TIME;
  const widest = TIME_ORDER.indexOf(timeLimit(o)) > TIME_ORDER.indexOf(mine) ? timeLimit(o) : mine;
  return timeFits(c.timeBand, widest);
}

/**
 * Up to `limit` (default 5) catalogue entries to learn from for this person, best first. Only entries the
 * person can join (their role, their nation or region, no band or training-stage condition the bot cannot
 * check), that are running (never paused, closed or historic) and that fit the time they said they have.
 * When some also match the card's filters (format, time), only those are returned (`exact`); when none do,
 * the closest ones (any format, up to the person's own time) are returned with `exact: false` and the
 * caller shows {@link CLOSEST_NOTE}.
 */
export function suggestCourses(content: Content, options: SuggestCoursesOptions): CourseSuggestion[] {
  const { limit = 5 } = options;
  const { wanted, lowRated } = wantedBehaviours(options);
  const open = content.courses
    .filter(canBeSuggested)
    .filter((c) => c.ways.some((w) => LEARNING_WAYS.includes(w)))
    .filter((c) => suitsPerson(c, options.role, options.place, options.profession))
    .filter((c) => !options.behaviour || c.behaviours.includes(options.behaviour));
  const exact = open.filter((c) => matchesFilters(c, options));
  const pool = exact.length > 0 ? exact : open.filter((c) => closeEnough(c, options));
  const ctx: ReasonContext = { content, role: options.role, place: options.place, time: timeLimit(options) };
  const ranked = pool
    .map((course) => ({ course, points: score(course, options, wanted, exact.length > 0) }))
    .sort((a, b) => b.points - a.points || a.course.title.localeCompare(b.course.title, 'en-GB'));
  return rotateLastSlot(ranked, limit, options.rotateBy)
    .slice(0, Math.max(0, limit))
    .map(({ course }) => {
      const reasons = whyLine(course, ctx, { lowRated: course.behaviours.some((b) => lowRated.has(b)) });
      return { course, reasons, why: reasons.join('; '), exact: exact.length > 0 };
    });
}
