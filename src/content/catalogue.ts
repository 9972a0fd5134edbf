import type { Role } from '../domain';
import type { Behaviour, Content, Course, CourseStatus, Nudge } from './types';

/** Nudges that suit a role, in catalogue order (behaviour by behaviour). */
export function nudgesForRole(content: Content, role: Role): Nudge[] {
  return content.nudges.filter((n) => n.roles.includes(role));
}

/** False for closed and historic entries, which are kept for the record but must never be offered. */
export function isOfferable(course: Course): boolean {
  return course.status !== 'closed' && course.status !== 'historic';
}

/** Catalogue entries that may be offered to people (never closed or historic). */
export function offerableCourses(content: Content): Course[] {
  return content.courses.filter(isOfferable);
}

const normalise = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Finds a behaviour from what a person typed: its id ('patient-centre'), a keyword from behaviours.json
 * ('kindness', 'patients') or a word of its title ('patient'). Undefined when nothing fits.
 */
export function findBehaviour(content: Content, idOrWord: string): Behaviour | undefined {
  const query = normalise(idOrWord);
  if (!query) return undefined;
  const byId = content.behaviours.find((b) => normalise(b.id) === query);
  if (byId) return byId;
  const byKeyword = content.behaviours.find((b) => (b.keywords ?? []).some((k) => normalise(k) === query));
  if (byKeyword) return byKeyword;
  const stem = query.replace(/s$/, '');
  return content.behaviours.find(
    (b) =>
      normalise(b.id)
        .split(' ')
        .some((w) => w.startsWith(stem)) ||
      (stem.length >= 4 &&
        normalise(b.title)
          .split(' ')
          .some((w) => w.startsWith(stem))),
  );
}

const STATUS_LABELS: Record<Exclude<CourseStatus, 'current'>, string> = {
  'paused-nationally': 'Paused nationally',
  'check-funding': 'Check funding locally',
  'check-current': 'Check it is still running',
  closed: 'Closed',
  historic: 'No longer running',
};

/** The label to show next to a course title when its status is not 'current'; undefined when it is current. */
export function statusLabel(course: Course): string | undefined {
  return course.status === 'current' ? undefined : STATUS_LABELS[course.status];
}
