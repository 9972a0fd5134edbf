import { placeInfo } from './places';
import { CLOSEST_NOTE, suggestCourses, type CourseSuggestion, type SuggestCoursesOptions } from './suggest-courses';
import { suggestDevelopmentWays, type WaySuggestion } from './suggest-ways';
import type { Content } from './types';

/** How many non-course ways (mentoring, coaching, networking...) a `courses` list always keeps room for. */
export const WAYS_IN_LIST = 2;

export interface CourseList {
  courses: CourseSuggestion[];
  /** Non-course ways the person can join, on the theme asked for when one was asked for. */
  ways: WaySuggestion[];
  /** A line above the list: the closest-match note, or what to do when nothing on the theme is open to them. */
  note: string;
}

/**
 * The list behind `courses`: up to `limit` items from the one ranking, always keeping room for the seed's
 * other ways to grow (mentoring, coaching, action learning, networking, QI) that the person can join. A
 * themed request (`courses equality`) is never filled with entries off that theme: when nothing on it is
 * open to the person where they work, the note says so plainly and gives a step they can take instead.
 */
export function courseListFor(content: Content, o: SuggestCoursesOptions): CourseList {
  const limit = o.limit ?? 5;
  const found = suggestCourses(content, { ...o, limit });
  const allWays = suggestDevelopmentWays(content, {
    role: o.role,
    place: o.place,
    profession: o.profession,
    time: o.time,
    behaviour: o.behaviour,
    excludeIds: found.map((s) => s.course.id),
  });
  const ways = (o.behaviour ? allWays.filter((w) => w.course.behaviours.includes(o.behaviour!)) : allWays).filter(
    (w) => w.way !== 'self-directed' && w.way !== 'on-the-job',
  );
  const wayRoom = Math.min(WAYS_IN_LIST, ways.length);
  const courses = found.slice(0, Math.max(0, limit - wayRoom));
  const shownWays = ways.slice(0, limit - courses.length);
  let note = courses.length > 0 && !courses[0]!.exact ? CLOSEST_NOTE : '';
  const behaviour = o.behaviour ? content.behaviours.find((b) => b.id === o.behaviour) : undefined;
  if (behaviour && courses.length === 0 && shownWays.length === 0) {
    const longer = suggestCourses(content, { ...o, format: undefined, timeBand: undefined, time: 'long', limit: 1 });
    const instead = `try this on the job: ${behaviour.grow['on-the-job']}`;
    note =
      longer.length > 0
        ? `Nothing on "${behaviour.title}" fits the time you have; longer programmes exist (type "settings" and choose "Months or more" to see them). Meanwhile, ${instead}`
        : `Nothing on "${behaviour.title}" is open to you ${placeInfo(o.place).inWords} in this catalogue yet. Instead, ${instead}`;
  }
  return { courses, ways: shownWays, note };
}
