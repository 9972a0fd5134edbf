import type { Role } from '../domain';
import { isOpenIn, placeWords } from './places';
import type { Content, Course, CourseFormat, TimeBand } from './types';

const FORMAT_WORDS: Record<CourseFormat, string> = {
  online: 'online',
  blended: 'blended learning',
  'in-person': 'in person',
  workplace: 'at work',
  community: 'community or network',
};

const TIME_WORDS: Record<TimeBand, string> = {
  short: 'takes a few hours',
  medium: 'takes a few weeks',
  long: 'takes months',
};

/** Shortest first. */
export const TIME_ORDER: readonly TimeBand[] = ['short', 'medium', 'long'];

/** True when an entry taking `needed` fits in the time a person has (`have`). */
export const timeFits = (needed: TimeBand, have: TimeBand): boolean =>
  TIME_ORDER.indexOf(needed) <= TIME_ORDER.indexOf(have);

/** 'for practice managers': how a reason names the person's role (from roles.json). */
export function roleReason(content: Content, role: Role): string {
  const info = content.roles.find((r) => r.id === role);
  return `for ${info?.audience ?? info?.title ?? role}`;
}

/** 'online' / 'takes a few hours': the plain words for a format or time band. */
export const formatWords = (format: CourseFormat): string => FORMAT_WORDS[format];
export const timeWords = (band: TimeBand): string => TIME_WORDS[band];

/** True when the entry lists the role among its audience. */
export const suitsRole = (course: Course, role: Role): boolean => course.roles.includes(role);

/**
 * True when the entry may be suggested at all: running ('current', or 'check-...' which the card
 * qualifies) and with no joining condition the bot cannot check. Paused, closed and historic entries
 * are never suggested.
 */
export const canBeSuggested = (course: Course): boolean =>
  (course.status === 'current' || course.status === 'check-current' || course.status === 'check-funding') &&
  course.restrictedTo === undefined;

/** True when a person in this role and place can join the entry. */
export const suitsPerson = (course: Course, role: Role, place: string | undefined): boolean =>
  suitsRole(course, role) && isOpenIn(course.places, place);

export interface ReasonContext {
  content: Content;
  role: Role;
  place?: string;
  time: TimeBand;
}

/**
 * "Why this", in words a person understands: who it is made for and where, the time it takes against the
 * time they have, the cost, and whether to check dates. E.g. ['made for practice managers in Scotland',
 * 'takes a few weeks, within the time you have', 'free', 'check dates with the provider'].
 */
export function whyLine(course: Course, ctx: ReasonContext, extra: { lowRated?: boolean } = {}): string[] {
  const reasons: string[] = [];
  const where = placeWords(course.places, ctx.place);
  const who = course.roles.length < 5 ? `made ${roleReason(ctx.content, ctx.role)}` : 'open to every role';
  reasons.push(where ? `${who} ${where}` : who);
  if (extra.lowRated) reasons.push('an area you rated yourself lower on recently');
  reasons.push(
    `${timeWords(course.timeBand)}, ${timeFits(course.timeBand, ctx.time) ? 'within the time you have' : 'more time than you said you have'}`,
  );
  reasons.push(
    /^(free|no fee)/i.test(course.cost)
      ? 'free'
      : /^(funded|nes-funded)/i.test(course.cost)
        ? 'funded'
        : /^not stated/i.test(course.cost)
          ? 'cost not stated'
          : 'has a cost',
  );
  if (course.status === 'check-current') reasons.push('check dates with the provider');
  if (course.status === 'check-funding') reasons.push('check funding with the provider');
  return reasons;
}
