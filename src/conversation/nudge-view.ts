import { courseItem, nudgeCardData } from '../cards';
import type { CourseItem, NudgeCardData } from '../cards/types';
import type { Nudge, TimeBand } from '../content/types';
import { CLOSEST_NOTE, noCourseNote, suggestCourses, wayForNudge } from '../content/suggest-courses';
import type { DevelopWayItem } from '../cards/types';
import { signpostFor } from '../content/signposting';
import { nudgeTextFor } from '../content/nation-text';
import type { Role } from '../domain';
import type { ConversationDeps } from './deps';
import { ConversationError } from './errors';
import { linkScope, trackedCourseUrl, type CourseLinkBase } from './course-opens';
import { courseLinkHolder, signCourseLink } from './course-links';

/** The nudge a delivery refers to; a not_found error when the content no longer has it. */
export function findNudge(deps: Pick<ConversationDeps, 'content'>, nudgeId: string): Nudge {
  const nudge = deps.content.nudges.find((n) => n.id === nudgeId);
  if (!nudge)
    throw new ConversationError('not_found', 'That nudge is no longer available. Type "nudge" for a new one.');
  return nudge;
}

/** Who a card is for, as far as suggestions go: role, where they work, the time they have for a course. */
export interface CardPerson {
  role: Role;
  place?: string;
  /** Their profession within 'Nurse or other clinician', when they said (src/content/professions.ts). */
  profession?: string;
  time?: TimeBand;
}

/** The person's card-relevant preferences. */
export const cardPersonOf = (prefs: {
  role: Role;
  place?: string;
  profession?: string;
  learningTime?: TimeBand;
}): CardPerson => ({
  role: prefs.role,
  place: prefs.place,
  profession: prefs.profession,
  time: prefs.learningTime,
});

/**
 * The data of a nudge card for a person: the nudge, its behaviour, up to 3 courses from the one ranking
 * (suggest-courses.ts) that the person can join in their nation or region and time, and the non-course
 * way to develop with its next step. `person` may be just a role (nation not set, time not set).
 */
export function nudgeViewFor(
  deps: Pick<ConversationDeps, 'content'>,
  nudge: Nudge,
  deliveryId: string,
  person: Role | CardPerson,
  links?: CourseLinkBase,
): NudgeCardData {
  const who: CardPerson = typeof person === 'string' ? { role: person } : person;
  const behaviour = deps.content.behaviours.find((b) => b.id === nudge.behaviour);
  if (!behaviour)
    throw new ConversationError('not_found', 'That nudge is no longer available. Type "nudge" for a new one.');
  const asked = {
    role: who.role,
    place: who.place,
    profession: who.profession,
    time: who.time,
    behaviour: nudge.behaviour,
    ways: nudge.ways,
    limit: 3,
    rotateBy: nudge.id,
  };
  const suggestions = suggestCourses(deps.content, asked);
  const items = suggestions.map((s) => courseItem(s.course, s.why));
  const coursesNote =
    suggestions.length === 0 ? noCourseNote(deps.content, asked) : !suggestions[0]!.exact ? CLOSEST_NOTE : '';
  const way = wayForNudge(
    deps.content,
    nudge,
    who,
    suggestions.map((x) => x.course.id),
  );
  const developWay: DevelopWayItem = {
    title: way.wayTitle,
    nextStep: way.nextStep,
    why: way.why,
    url: way.course ? (links ? trackedCourseUrl(links, way.course.id) : way.course.url) : '',
    provider: way.course ? `${way.course.title} (${way.course.provider})` : '',
    linkTitle: way.course ? 'Learn more' : '',
  };
  // The text where the person works: a law or scheme that differs in their nation has its own wording.
  return nudgeCardData(nudgeTextFor(nudge, who.place), behaviour, withTrackedLinks(items, links), deliveryId, {
    coursesNote,
    developWay,
    signpost: signpostFor(deps.content, nudge, who.place),
  });
}

/**
 * The course-link base for a person's card: the bot's public address, the link's scope (the tenant and
 * the person's practice, if any: opens count per practice), the person's holder reference (their opens
 * count once a week per course) and the links' signatures over all of it.
 */
export const courseLinks = (
  deps: Pick<ConversationDeps, 'config'>,
  tenantId: string,
  userId: string,
  practiceId?: string,
): CourseLinkBase => {
  const key = deps.config.linkSigningKey;
  const scope = linkScope(tenantId, practiceId);
  if (!key) return { baseUrl: deps.config.publicBaseUrl, tenantId: scope };
  const holder = courseLinkHolder(key, tenantId, userId);
  return {
    baseUrl: deps.config.publicBaseUrl,
    tenantId: scope,
    holder,
    sign: (courseId: string) => signCourseLink(key, courseId, scope, holder),
  };
};

/** The ids of the courses a nudge card links to for a person (in card order): what its links' signatures cover. */
export function nudgeCourseIds(
  deps: Pick<ConversationDeps, 'content'>,
  nudge: Nudge,
  person: Role | CardPerson,
): string[] {
  const ids: string[] = [];
  nudgeViewFor(deps, nudge, '', person, {
    baseUrl: '',
    tenantId: '',
    sign: (courseId) => {
      if (!ids.includes(courseId)) ids.push(courseId);
      return '';
    },
  });
  return ids;
}

/** Course items whose links go through the bot's /go route (counted per practice), when a base is given. */
export function withTrackedLinks(items: CourseItem[], links: CourseLinkBase | undefined): CourseItem[] {
  return links ? items.map((item) => ({ ...item, url: trackedCourseUrl(links, item.id) })) : items;
}
