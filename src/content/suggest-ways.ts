import type { Role } from '../domain';
import { isOfferable } from './catalogue';
import { matchReason, roleReason, suitsRole } from './course-reasons';
import { NON_COURSE_WAYS } from './validate';
import type { BehaviourId, Content, Course, DevelopmentWay } from './types';

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

function rankFor(course: Course, behaviour: BehaviourId | undefined): number {
  return (
    (behaviour && course.behaviours.includes(behaviour) ? 100 : 0) +
    (course.nextStep ? 20 : 0) +
    (course.roles.length < 5 ? 8 : 0) +
    (course.status === 'current' ? 3 : 0)
  );
}

/**
 * One suggestion per development way other than courses (mentoring, coaching, networking, action learning,
 * quality improvement), each from an offerable catalogue entry open to the role, preferring entries that
 * cover the behaviour and have a next step. Each entry is used at most once; `excludeIds` skips entries
 * already shown. Ways with no suitable entry are left out. Deterministic.
 */
export function suggestDevelopmentWays(
  content: Content,
  options: { role: Role; behaviour?: BehaviourId; excludeIds?: readonly string[] },
): WaySuggestion[] {
  const used = new Set(options.excludeIds ?? []);
  const out: WaySuggestion[] = [];
  for (const way of NON_COURSE_WAYS) {
    const best = content.courses
      .filter((c) => isOfferable(c) && c.ways.includes(way) && suitsRole(c, options.role) && !used.has(c.id))
      .sort(
        (a, b) =>
          rankFor(b, options.behaviour) - rankFor(a, options.behaviour) || a.title.localeCompare(b.title, 'en-GB'),
      )[0];
    if (!best) continue;
    used.add(best.id);
    const info = content.ways?.find((w) => w.id === way);
    const wayTitle = info?.title ?? way;
    const matched = options.behaviour ? matchReason(best, [options.behaviour]) : undefined;
    const reasons = [wayTitle.toLowerCase(), ...(matched ? [matched] : []), roleReason(content, options.role)];
    out.push({
      way,
      wayTitle,
      course: best,
      nextStep: best.nextStep ?? info?.nextStep ?? '',
      reasons,
      why: reasons.join(', '),
    });
  }
  return out;
}
