/**
 * Minutes a person records learning against one nudge (by its delivery) or one catalogue course, so a
 * portfolio's CPD sections can give learning time. Kept in `responses` (partition: the person), so it
 * is exported with their data, erased by "delete my data" and expires with the retention period.
 */
export interface LearningTimeRecord {
  id: string; // `learn|nudge|${deliveryId}` or `learn|course|${courseId}`: one per subject, replaced on each save
  kind: 'learning';
  userId: string; // partition key
  tenantId: string;
  subject: 'nudge' | 'course';
  /** For a nudge: the delivery it was sent as, and the nudge and behaviour. */
  deliveryId?: string;
  nudgeId?: string;
  behaviourId?: string;
  /** For a course: its catalogue id. */
  courseId?: string;
  /** Whole minutes, 1..600. */
  minutes: number;
  recordedAt: string;
  ttl?: number;
}

/** The most minutes one record holds (ten hours): more is refused as a typing slip. */
export const MAX_LEARNING_MINUTES = 600;

export const learningIdForNudge = (deliveryId: string): string => `learn|nudge|${deliveryId}`;
export const learningIdForCourse = (courseId: string): string => `learn|course|${courseId}`;
