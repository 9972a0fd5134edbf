import type { Behaviour, Nudge, Poll } from '../content/types';
import { ratingChoices } from './choices';
import { pollResultsView } from './poll-results';
import type { CourseItem, DevelopWayItem, NudgeAnsweredCardData, NudgeCardData } from './types';

/** Longest reflection a person may save, in characters. */
export const MAX_REFLECTION_LENGTH = 2000;

/**
 * The weekly nudge card's data. `courses` are the 1 to 3 matched courses or development ways
 * (extra ones are dropped); `deliveryId` ties every button back to this delivery.
 */
export function nudgeCardData(
  nudge: Nudge,
  behaviour: Behaviour,
  courses: readonly CourseItem[],
  deliveryId: string,
  extras: { coursesNote?: string; developWay?: DevelopWayItem; signpost?: string } = {},
): NudgeCardData {
  return {
    deliveryId,
    nudgeId: nudge.id,
    pollId: nudge.poll.id,
    behaviourId: nudge.behaviour,
    behaviourTitle: behaviour.title,
    title: nudge.title,
    why: nudge.why,
    sourceLabel: nudge.source.label,
    sourceUrl: nudge.source.url,
    reflectionPrompt: nudge.reflection,
    action: nudge.action,
    pollQuestion: nudge.poll.question,
    pollChoices: nudge.poll.options.map((o) => ({ title: o.label, value: o.id })),
    ratingChoices: ratingChoices(),
    readingMinutes: nudge.readingMinutes,
    courses: courses.slice(0, 3),
    coursesNote: extras.coursesNote ?? '',
    signpost: extras.signpost ?? '',
    developWay: extras.developWay ?? { title: '', nextStep: '', why: '', url: '', provider: '', linkTitle: '' },
    maxReflectionLength: MAX_REFLECTION_LENGTH,
  };
}

export interface AnsweredState {
  /** The option the person chose. */
  optionId: string;
  /** Their optional self-rating 1..5. */
  rating?: number;
  /** The poll's published counts in the person's group (a snapshot at 5, 10, 15... people). */
  counts: Readonly<Record<string, number>>;
  /** People who answered so far (live), for "N more needed" only. */
  people?: number;
  minAnswers?: number;
  reflectionSaved: boolean;
  /** e.g. 'your practice' */
  groupName: string;
  /** A short confirmation shown at the top; empty for none. */
  notice?: string;
}

const optionLabel = (poll: Poll, optionId: string): string =>
  poll.options.find((o) => o.id === optionId)?.label ?? optionId;

/** The nudge card after the poll was answered: the person's answer and the group's result (from 5 answers). */
export function nudgeAnsweredCardData(
  nudgeCard: NudgeCardData,
  poll: Poll,
  state: AnsweredState,
): NudgeAnsweredCardData {
  const rating = state.rating === undefined ? undefined : ratingChoices().find((c) => c.value === String(state.rating));
  return {
    ...nudgeCard,
    answerLabel: optionLabel(poll, state.optionId),
    ratingLabel: rating?.title ?? '',
    ...pollResultsView(poll, state.counts, {
      minAnswers: state.minAnswers,
      mineOptionId: state.optionId,
      people: state.people,
    }),
    reflectionSaved: state.reflectionSaved,
    groupName: state.groupName,
    notice: state.notice ?? '',
  };
}
