import type { Behaviour, Nudge, Poll } from '../content/types';
import { ratingChoices, ratingText } from './choices';
import { escapeCardText } from './escape';
import { pollResultsView } from './poll-results';
import type { CourseItem, DevelopWayItem, NudgeCardData, NudgeCardState } from './types';

/** Longest reflection a person may save, in characters. */
export const MAX_REFLECTION_LENGTH = 2000;

/** The state of a nudge card nobody has acted on yet (the card the weekly tick sends). */
export const UNTOUCHED_NUDGE_STATE: NudgeCardState = {
  answered: false,
  answerLabel: '',
  ratingLabel: '',
  showResults: false,
  total: 0,
  minAnswers: 5,
  moreNeeded: 5,
  results: [],
  reflectionSaved: false,
  reflectionText: '',
  feedbackText: '',
  scheduleText: '',
  canSnooze: true,
  canSkip: true,
  notice: '',
  groupName: 'your practice',
  groupNote: '',
};

/** Splits a text after its first sentence: ['First one.', 'The rest.'] (the rest may be empty). */
export function splitFirstSentence(text: string): [string, string] {
  const m = /^(.+?[.!?])\s+(\S[\s\S]*)$/.exec(text.trim());
  return m ? [m[1]!, m[2]!.trim()] : [text.trim(), ''];
}

/**
 * The weekly nudge card's data, as first sent. `courses` are the 0 to 3 matched courses or
 * development ways (extra ones are dropped); `deliveryId` ties every button back to this delivery.
 */
export function nudgeCardData(
  nudge: Nudge,
  behaviour: Behaviour,
  courses: readonly CourseItem[],
  deliveryId: string,
  extras: { coursesNote?: string; developWay?: DevelopWayItem; signpost?: string } = {},
): NudgeCardData {
  const [whyShort, whyMore] = splitFirstSentence(nudge.why);
  return {
    deliveryId,
    nudgeId: nudge.id,
    pollId: nudge.poll.id,
    behaviourId: nudge.behaviour,
    behaviourTitle: behaviour.title,
    title: nudge.title,
    whyShort,
    whyMore,
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
    ...UNTOUCHED_NUDGE_STATE,
  };
}

/** Everything a person has done with one nudge, read from the store; each part is independent. */
export interface NudgeActions {
  /** The poll answer, with the group's published counts (a snapshot at 5, 10, 15... people) and the live
   * number of people who answered (for "N more needed" only); undefined before answering. */
  answer?: { optionId: string; rating?: number; counts: Readonly<Record<string, number>>; people?: number };
  minAnswers?: number;
  reflectionSaved: boolean;
  /** The saved text (as typed; escaped here), shown back under "Your reflection". */
  reflectionText?: string;
  /** Undefined until the person says whether the nudge was useful. */
  useful?: boolean;
  /** The snooze/skip line already worded for the person (date, year and time zone); empty for none. */
  scheduleText: string;
  canSnooze: boolean;
  canSkip: boolean;
  groupName: string;
  /** Why no group results are shown (the person is in no practice team); empty otherwise. */
  groupNote?: string;
  notice?: string;
}

const optionLabel = (poll: Poll, optionId: string): string =>
  poll.options.find((o) => o.id === optionId)?.label ?? optionId;

/** The nudge card as it stands after the person's actions: the same card, each part in its own state. */
export function withNudgeState(card: NudgeCardData, poll: Poll, actions: NudgeActions): NudgeCardData {
  const answer = actions.answer;
  const results = answer
    ? pollResultsView(poll, answer.counts, {
        minAnswers: actions.minAnswers,
        mineOptionId: answer.optionId,
        people: answer.people,
      })
    : {
        showResults: false,
        total: 0,
        minAnswers: UNTOUCHED_NUDGE_STATE.minAnswers,
        moreNeeded: UNTOUCHED_NUDGE_STATE.moreNeeded,
        results: [],
      };
  return {
    ...card,
    answered: answer !== undefined,
    answerLabel: answer ? optionLabel(poll, answer.optionId) : '',
    ratingLabel: answer?.rating === undefined ? '' : ratingText(answer.rating),
    ...results,
    reflectionSaved: actions.reflectionSaved,
    reflectionText: actions.reflectionSaved ? escapeCardText(actions.reflectionText ?? '') : '',
    feedbackText: actions.useful === undefined ? '' : actions.useful ? 'Yes' : 'No',
    scheduleText: actions.scheduleText,
    canSnooze: actions.canSnooze,
    canSkip: actions.canSkip,
    notice: actions.notice ?? '',
    groupName: actions.groupName,
    groupNote: actions.groupNote ?? '',
  };
}
