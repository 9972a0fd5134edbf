import type { Role } from '../domain';
import type { BehaviourId, Content, Course, CourseFormat, TimeBand } from './types';

const FORMAT_WORDS: Record<CourseFormat, string> = {
  online: 'online',
  blended: 'blended learning',
  'in-person': 'in person',
  workplace: 'at work',
  community: 'community or network',
};

const TIME_WORDS: Record<TimeBand, string> = {
  short: 'a few hours',
  medium: 'a few weeks',
  long: 'months or more',
};

/** Behaviours in the words a reason uses (the ids are for code, not for people). */
const BEHAVIOUR_WORDS: Record<BehaviourId, string> = {
  context: 'how care works',
  vision: 'vision and direction',
  'patient-centre': 'patient at the centre',
  followership: 'leading yourself',
  values: 'values',
  compassion: 'compassion',
  equality: 'equality',
};

/** 'for practice managers': how a reason names the person's role (from roles.json). */
export function roleReason(content: Content, role: Role): string {
  const info = content.roles.find((r) => r.id === role);
  return `for ${info?.audience ?? info?.title ?? role}`;
}

/** 'matches: compassion, values': the asked-for behaviours this entry covers; undefined when none. */
export function matchReason(course: Course, wanted: readonly BehaviourId[]): string | undefined {
  const hits = wanted.filter((b) => course.behaviours.includes(b));
  return hits.length > 0 ? `matches: ${hits.map((b) => BEHAVIOUR_WORDS[b]).join(', ')}` : undefined;
}

/** 'online' / 'a few hours': the plain words for a format or time band. */
export const formatWords = (format: CourseFormat): string => FORMAT_WORDS[format];
export const timeWords = (band: TimeBand): string => TIME_WORDS[band];

/** True when the entry lists the role among its audience. */
export const suitsRole = (course: Course, role: Role): boolean => course.roles.includes(role);
