import {
  learningIdForCourse,
  learningIdForNudge,
  MAX_LEARNING_MINUTES,
  type LearningTimeRecord,
  type UserRecord,
} from '../domain';
import type { ConversationDeps } from './deps';

/** Every learning-time record of a person (their own partition; a few dozen at most). */
export async function readLearningLog(
  deps: Pick<ConversationDeps, 'store'>,
  userId: string,
): Promise<LearningTimeRecord[]> {
  return (await deps.store.responses.query({
    partitionKey: userId,
    where: [{ field: 'kind', op: '=', value: 'learning' }],
  })) as LearningTimeRecord[];
}

/** What a learning-time entry is against: a delivered nudge or a catalogue course. */
export type LearningSubject =
  | { subject: 'nudge'; deliveryId: string; nudgeId: string; behaviourId: string }
  | { subject: 'course'; courseId: string };

/**
 * Records (or replaces) the minutes a person spent learning on one nudge or course; 0 removes the
 * entry. Minutes are whole, 0..600 (callers validate). Idempotent per subject.
 */
export async function recordLearningTime(
  deps: Pick<ConversationDeps, 'store' | 'now' | 'config'>,
  user: Pick<UserRecord, 'userId' | 'tenantId'>,
  about: LearningSubject,
  minutes: number,
): Promise<void> {
  const id = about.subject === 'nudge' ? learningIdForNudge(about.deliveryId) : learningIdForCourse(about.courseId);
  const whole = Math.max(0, Math.min(MAX_LEARNING_MINUTES, Math.round(minutes)));
  if (whole === 0) {
    await deps.store.responses.delete(user.userId, id);
    return;
  }
  const record: LearningTimeRecord = {
    id,
    kind: 'learning',
    userId: user.userId,
    tenantId: user.tenantId,
    ...about,
    minutes: whole,
    recordedAt: deps.now().toISOString(),
    ttl: deps.config.retentionDays * 86400,
  };
  await deps.store.responses.upsert(record);
}
