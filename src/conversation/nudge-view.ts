import { courseItem, nudgeCardData } from '../cards';
import type { CourseItem, NudgeCardData } from '../cards/types';
import type { Nudge } from '../content/types';
import { suggestCourses } from '../content/suggest-courses';
import type { Role } from '../domain';
import type { ConversationDeps } from './deps';
import { ConversationError } from './errors';
import { trackedCourseUrl, type CourseLinkBase } from './course-opens';

/** The nudge a delivery refers to; a not_found error when the content no longer has it. */
export function findNudge(deps: Pick<ConversationDeps, 'content'>, nudgeId: string): Nudge {
  const nudge = deps.content.nudges.find((n) => n.id === nudgeId);
  if (!nudge)
    throw new ConversationError('not_found', 'That nudge is no longer available. Type "nudge" for a new one.');
  return nudge;
}

/** The data of a nudge card for a role: the nudge, its behaviour, and 1 to 3 courses matched to both. */
export function nudgeViewFor(
  deps: Pick<ConversationDeps, 'content'>,
  nudge: Nudge,
  deliveryId: string,
  role: Role,
  links?: CourseLinkBase,
): NudgeCardData {
  const behaviour = deps.content.behaviours.find((b) => b.id === nudge.behaviour);
  if (!behaviour)
    throw new ConversationError('not_found', 'That nudge is no longer available. Type "nudge" for a new one.');
  return nudgeCardData(nudge, behaviour, withTrackedLinks(quickestFirst(deps, nudge, role), links), deliveryId);
}

/** The course-link base for an organisation: the bot's public address and the tenant. */
export const courseLinks = (deps: Pick<ConversationDeps, 'config'>, tenantId: string): CourseLinkBase => ({
  baseUrl: deps.config.publicBaseUrl,
  tenantId,
});

/** Course items whose links go through the bot's /go route (counted per organisation), when a base is given. */
export function withTrackedLinks(items: CourseItem[], links: CourseLinkBase | undefined): CourseItem[] {
  return links ? items.map((item) => ({ ...item, url: trackedCourseUrl(links, item.id) })) : items;
}

/**
 * Up to three matched courses for a nudge card, the ones a busy person can fit in first: a few
 * hours, then a few weeks, then longer programmes.
 */
function quickestFirst(deps: Pick<ConversationDeps, 'content'>, nudge: Nudge, role: Role): CourseItem[] {
  const chosen = new Map<string, CourseItem>();
  for (const timeBand of ['short', 'medium', undefined] as const) {
    const options = { role, behaviour: nudge.behaviour, ways: nudge.ways, timeBand, limit: 3 };
    for (const s of suggestCourses(deps.content, options)) {
      if (chosen.size < 3 && !chosen.has(s.course.id)) chosen.set(s.course.id, courseItem(s.course, s.why));
    }
  }
  return [...chosen.values()];
}
