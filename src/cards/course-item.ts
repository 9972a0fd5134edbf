import type { Course, CourseStatus } from '../content/types';
import { formatTitle } from './choices';
import type { CourseItem } from './types';

const STATUS_LABELS: Record<CourseStatus, string> = {
  current: '',
  'paused-nationally': 'Paused nationally',
  'check-funding': 'Check funding with the provider',
  'check-current': 'Check dates with the provider',
  closed: 'Closed',
  historic: 'No longer offered',
};

/** The label shown next to a course's title; empty for `current`. */
export const courseStatusLabel = (status: CourseStatus): string => STATUS_LABELS[status];

/**
 * A course as a card item. `why` explains the suggestion, e.g. 'Matches: compassion, for practice
 * managers, online'. Callers never pass `closed` or `historic` courses.
 */
export function courseItem(course: Course, why: string): CourseItem {
  return {
    id: course.id,
    title: course.title,
    provider: course.provider,
    url: course.url,
    statusLabel: courseStatusLabel(course.status),
    facts: [formatTitle(course.format), course.time, course.cost]
      .filter((s) => s !== '' && !/^not stated\b/i.test(s))
      .join(' · '),
    why,
    description: course.description,
    nextStep: course.nextStep ?? '',
    eligibility: course.eligibility,
    // One label for every course link, whatever the kind of offer (a course, a tool, a network).
    linkTitle: 'Learn more',
  };
}
