import type { Role } from '../domain';
import { canBeSuggested, madeForWords, suitsPerson, timeFits } from './course-reasons';
import { nextStepIn } from './nation-text';
import { placeWords } from './places';
import {
  NON_COURSE_WAYS,
  type BehaviourId,
  type Content,
  type Course,
  type DevelopmentWay,
  type Nudge,
  type TimeBand,
} from './types';

/** The time a person has when they have not said: a few weeks (the same default the course ranking uses). */
const DEFAULT_WAY_TIME: TimeBand = 'medium';

export interface WaySuggestion {
  way: DevelopmentWay;
  /** 'Mentoring' (from ways.json). */
  wayTitle: string;
  /** The catalogue entry that offers this way. */
  course: Course;
  /** A concrete next step: the entry's own, else the generic one for the way. */
  nextStep: string;
  reasons: string[];
  why: string;
}

/** The non-course way a nudge card always shows: the way, its next step and, when one fits, an entry offering it. */
export interface NudgeWay {
  way: DevelopmentWay;
  wayTitle: string;
  /** What the way is, in one sentence (ways.json). */
  summary: string;
  nextStep: string;
  /** An entry the person can join that offers this way; undefined when the generic next step is all there is. */
  course?: Course;
  why: string;
}

/** Ways a person starts by themselves: the card shows their next step rather than a scheme. */
const SELF_STARTED: readonly DevelopmentWay[] = ['on-the-job', 'self-directed'];

function rankFor(course: Course, behaviour: BehaviourId | undefined): number {
  return (
    (behaviour && course.behaviours.includes(behaviour) ? 100 : 0) +
    (course.nextStep ? 20 : 0) +
    (course.roles.length < 5 ? 8 : 0) +
    (course.places.includes('uk') || course.places.includes('england') ? 0 : 6) +
    (course.status === 'current' ? 3 : 0)
  );
}

interface WayOptions {
  role: Role;
  place?: string;
  /** Their profession within 'Nurse or other clinician', when they said (professions.ts). */
  profession?: string;
  /** The most time the person said they have; undefined means not set (treated as 'a few weeks'). */
  time?: TimeBand;
  behaviour?: BehaviourId;
  excludeIds?: readonly string[];
}

function bestEntryFor(
  content: Content,
  way: DevelopmentWay,
  o: WayOptions,
  used: ReadonlySet<string>,
): Course | undefined {
  return content.courses
    .filter(
      (c) =>
        canBeSuggested(c) &&
        c.ways.includes(way) &&
        suitsPerson(c, o.role, o.place, o.profession) &&
        timeFits(c.timeBand, o.time ?? DEFAULT_WAY_TIME) &&
        !used.has(c.id),
    )
    .sort((a, b) => rankFor(b, o.behaviour) - rankFor(a, o.behaviour) || a.title.localeCompare(b.title, 'en-GB'))[0];
}

function whyFor(content: Content, course: Course, o: WayOptions): string[] {
  const where = placeWords(course.places, o.place);
  const who = madeForWords(content, course, o.role);
  const reasons = [where ? `${who} ${where}` : who];
  if (course.status === 'check-current') reasons.push('check dates with the provider');
  if (course.status === 'check-funding') reasons.push('check funding with the provider');
  return reasons;
}

/**
 * One suggestion per non-course way (mentoring, coaching, action learning, networking, quality improvement,
 * self-directed, on the job), each from an entry the person can join (role, nation or region, running,
 * no unverifiable condition) that fits the time they said they have, preferring entries that cover the behaviour and have a next step. Each entry
 * is used at most once; `excludeIds` skips entries already shown. Ways with no suitable entry are left out.
 */
export function suggestDevelopmentWays(content: Content, options: WayOptions): WaySuggestion[] {
  const used = new Set(options.excludeIds ?? []);
  const out: WaySuggestion[] = [];
  for (const way of NON_COURSE_WAYS) {
    const best = bestEntryFor(content, way, options, used);
    if (!best) continue;
    used.add(best.id);
    const info = content.ways?.find((w) => w.id === way);
    const wayTitle = info?.title ?? way;
    const reasons = [wayTitle.toLowerCase(), ...whyFor(content, best, options)];
    out.push({
      way,
      wayTitle,
      course: best,
      nextStep: nextStepIn(best, options.place) || (info ? nextStepIn(info, options.place) : ''),
      reasons,
      why: reasons.join('; '),
    });
  }
  return out;
}

/**
 * The non-course way for a nudge card: the first of the nudge's own ways that is not a course (content:check
 * makes sure there is one). For mentoring, coaching, action learning, networking and QI, an entry offering
 * it that the person can join (role, nation or region, running) and that fits their time, with its next step; otherwise, and always
 * for learning on the job and self-directed learning, the way's own next step from ways.json.
 */
export function wayForNudge(
  content: Content,
  nudge: Pick<Nudge, 'ways' | 'behaviour'>,
  person: { role: Role; place?: string; profession?: string; time?: TimeBand },
  excludeIds: readonly string[] = [],
): NudgeWay {
  const way = nudge.ways.find((w) => NON_COURSE_WAYS.includes(w)) ?? 'self-directed';
  const info = content.ways?.find((w) => w.id === way);
  const wayTitle = info?.title ?? way;
  const options = { ...person, behaviour: nudge.behaviour };
  // Learning on the job and self-directed learning need no scheme: their own next step is the point.
  const course = SELF_STARTED.includes(way) ? undefined : bestEntryFor(content, way, options, new Set(excludeIds));
  if (!course) {
    const own = content.behaviours.find((b) => b.id === nudge.behaviour)?.grow;
    const themed = way === 'on-the-job' || way === 'self-directed' ? own?.[way] : undefined;
    return {
      way,
      wayTitle,
      summary: info?.summary ?? '',
      nextStep: themed ?? (info ? nextStepIn(info, person.place) : ''),
      why: 'something you can start this week, with no course or booking',
    };
  }
  return {
    way,
    wayTitle,
    summary: info?.summary ?? '',
    nextStep: nextStepIn(course, person.place) || (info ? nextStepIn(info, person.place) : ''),
    course,
    why: whyFor(content, course, options).join('; '),
  };
}
