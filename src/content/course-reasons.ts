import type { Role } from '../domain';
import { isOpenIn, placeWords } from './places';
import { professionFits, professionInfo } from './professions';
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

/**
 * True when a person in this role, place and (optional) profession can join the entry: an entry for one
 * profession only (nurses) reaches only people who said they are one.
 */
export const suitsPerson = (course: Course, role: Role, place: string | undefined, profession?: string): boolean =>
  suitsRole(course, role) && isOpenIn(course.places, place) && professionFits(course.professions, profession);

export interface ReasonContext {
  content: Content;
  role: Role;
  place?: string;
  time: TimeBand;
}

/**
 * Whom an entry is made for, in words true for this person: 'made for nurses', 'made for practice
 * managers', 'made for GPs; open to you' (when made for another role but open to theirs), 'open to your
 * role' (open to several roles, theirs among them) or 'open to every role'.
 */
export function madeForWords(content: Content, course: Course, role: Role): string {
  if (course.professions) {
    return `made for ${course.professions.map((p) => professionInfo(p)?.plural ?? p).join(' and ')}`;
  }
  if (course.madeFor && !course.madeFor.includes(role)) {
    const names = course.madeFor.map((r) => roleReason(content, r).replace(/^for /, ''));
    return `made for ${names.join(' and ')}; open to you`;
  }
  if (course.madeFor || course.roles.length === 1) return `made ${roleReason(content, role)}`;
  // Open to some roles (mid-level leaders of several professions, say): true to say it is open to theirs.
  return course.roles.length < 5 ? 'open to your role' : 'open to every role';
}

/** 'free' only when it is free for everyone it is open to; 'free for some; check yours' when it depends. */
export function costWords(course: Course): string {
  if (course.free === true) return 'free';
  if (/^(free|no fee)/i.test(course.cost)) return 'free for some; check yours';
  if (/^(funded|nes-funded)/i.test(course.cost)) return 'funded';
  if (/^not stated/i.test(course.cost)) return 'cost not stated';
  return 'has a cost';
}

/**
 * "Why this", in words a person understands: who it is made for and where, the time it takes against the
 * time they have, the cost, and whether to check dates. E.g. ['made for practice managers in Scotland',
 * 'takes a few weeks, within the time you have', 'free', 'check dates with the provider'].
 */
export function whyLine(course: Course, ctx: ReasonContext, extra: { lowRated?: boolean } = {}): string[] {
  const reasons: string[] = [];
  const where = placeWords(course.places, ctx.place);
  const who = madeForWords(ctx.content, course, ctx.role);
  reasons.push(where ? `${who} ${where}` : who);
  if (extra.lowRated) reasons.push('an area you rated yourself lower on recently');
  reasons.push(
    `${timeWords(course.timeBand)}, ${timeFits(course.timeBand, ctx.time) ? 'within the time you have' : 'more time than you said you have'}`,
  );
  reasons.push(costWords(course));
  if (course.status === 'check-current') reasons.push('check dates with the provider');
  if (course.status === 'check-funding') reasons.push('check funding with the provider');
  return reasons;
}
