import { courseItem, nudgeCardData } from '../cards';
import type { NudgeCardData } from '../cards/types';
import type { Nudge } from '../content/types';
import { suggestCourses } from '../content/suggest-courses';
import type { Role } from '../store/types';
import type { ConversationDeps } from './deps';
import { ConversationError } from './errors';

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
): NudgeCardData {
  const behaviour = deps.content.behaviours.find((b) => b.id === nudge.behaviour);
  if (!behaviour)
    throw new ConversationError('not_found', 'That nudge is no longer available. Type "nudge" for a new one.');
  const courses = suggestCourses(deps.content, { role, behaviour: nudge.behaviour, ways: nudge.ways, limit: 3 }).map(
    (s) => courseItem(s.course, s.why),
  );
  return nudgeCardData(nudge, behaviour, courses, deliveryId);
}
