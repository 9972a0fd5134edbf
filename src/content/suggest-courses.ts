import type { Role } from '../domain';
import { isOfferable } from './catalogue';
import { formatWords, matchReason, roleReason, suitsRole, timeWords } from './course-reasons';
import type { BehaviourId, Content, Course, CourseFormat, DevelopmentWay, TimeBand } from './types';

export { suggestDevelopmentWays, type WaySuggestion } from './suggest-ways';

export interface SuggestCoursesOptions {
  role: Role;
  /** The behaviour asked for ('courses compassion'): entries must cover it. */
  behaviour?: BehaviourId;
  /** The person's focus behaviours, used after lowRated when no behaviour is asked for. */
  focus?: readonly BehaviourId[];
  /** Behaviours the person rated themselves lowest on recently, lowest first. */
  lowRated?: readonly BehaviourId[];
  /** Hard filter. */
  format?: CourseFormat;
  /** Hard filter. */
  timeBand?: TimeBand;
  /** Preference: entries offering these ways rank higher (a nudge passes its own ways). */
  ways?: readonly DevelopmentWay[];
  limit?: number;
}

export interface CourseSuggestion {
  course: Course;
  /** Short reasons, e.g. ['matches: compassion', 'for practice managers', 'online']. */
  reasons: string[];
  /** The reasons as one line for a card. */
  why: string;
}

/** Ways that make a catalogue entry something to learn from (as opposed to a mentoring or networking scheme). */
const LEARNING_WAYS: readonly DevelopmentWay[] = ['course', 'self-directed', 'on-the-job'];

interface Scored {
  course: Course;
  score: number;
  reasons: string[];
}

function behaviourPriorities(o: SuggestCoursesOptions): { wanted: BehaviourId[]; lowRated: Set<BehaviourId> } {
  if (o.behaviour) return { wanted: [o.behaviour], lowRated: new Set() };
  const wanted: BehaviourId[] = [];
  for (const b of [...(o.lowRated ?? []), ...(o.focus ?? [])]) if (!wanted.includes(b)) wanted.push(b);
  return { wanted, lowRated: new Set(o.lowRated ?? []) };
}

/** Points for behaviour fit: the earliest priority matched counts most; courses centred on few behaviours win ties. */
function behaviourScore(course: Course, wanted: readonly BehaviourId[]): number {
  const first = wanted.findIndex((b) => course.behaviours.includes(b));
  if (first < 0) return 0;
  const extra = wanted.filter((b) => course.behaviours.includes(b)).length - 1;
  const centred = course.behaviours.length <= 2 ? 12 : course.behaviours.length === 3 ? 6 : 0;
  return Math.max(40, 100 - 10 * first) + 5 * extra + centred;
}

function scoreCourse(content: Content, course: Course, o: SuggestCoursesOptions): Scored {
  const { wanted, lowRated } = behaviourPriorities(o);
  const reasons: string[] = [];
  const matched = matchReason(course, wanted);
  if (matched) reasons.push(matched);
  if (course.behaviours.some((b) => lowRated.has(b))) reasons.push('an area you rated yourself lower on recently');
  reasons.push(roleReason(content, o.role));
  reasons.push(formatWords(course.format));
  if (o.timeBand) reasons.push(timeWords(course.timeBand));
  const roleFit = course.roles.length < 5 ? 4 : 0; // made for a few roles, including this one
  const waysFit = 4 * Math.min(2, (o.ways ?? []).filter((w) => course.ways.includes(w)).length);
  const current = course.status === 'current' ? 3 : 0;
  return { course, score: behaviourScore(course, wanted) + roleFit + waysFit + current, reasons };
}

/**
 * Up to `limit` (default 5) catalogue entries to learn from for this person, best first. Never closed or
 * historic; only entries open to the role; format and time band filter; ranked by the behaviour asked for
 * (else lowest recent self-ratings, then focus behaviours), then fit to the role, the preferred ways and
 * current status; ties broken by title, so the same input always gives the same list.
 */
export function suggestCourses(content: Content, options: SuggestCoursesOptions): CourseSuggestion[] {
  const { behaviour, format, timeBand, limit = 5 } = options;
  return content.courses
    .filter(isOfferable)
    .filter((c) => c.ways.some((w) => LEARNING_WAYS.includes(w)))
    .filter((c) => suitsRole(c, options.role))
    .filter((c) => !behaviour || c.behaviours.includes(behaviour))
    .filter((c) => !format || c.format === format)
    .filter((c) => !timeBand || c.timeBand === timeBand)
    .map((c) => scoreCourse(content, c, options))
    .sort((a, b) => b.score - a.score || a.course.title.localeCompare(b.course.title, 'en-GB'))
    .slice(0, Math.max(0, limit))
    .map(({ course, reasons }) => ({ course, reasons, why: reasons.join(', ') }));
}
