import type { Versioned } from '../store/port';
import type { DeliveryRecord, FeedbackRecord, PollAnswerRecord, ReflectionRecord, UserRecord } from '../domain';
import type { ConversationDeps, Reply } from './deps';
import { ConversationError } from './errors';
import { escapeCardText, withNudgeState } from '../cards';
import { formatLocal } from '../cards/time-format';
import { cardPersonOf, courseLinks, findNudge, nudgeViewFor } from './nudge-view';
import { readCounts } from './running-counts';
import { countingGroupsOf } from '../practice/practice-groups';

/** Why someone in no practice team sees no group results (everything personal still works). */
export const NO_PRACTICE_NOTE =
  "Your answer is saved for you. Group results are shown only within a practice, and you are not in a team that has been set up as a practice's, so there are no results to show you. Everything else works as usual.";

export const pollAnswerId = (deliveryId: string): string => `poll|${deliveryId}`;
export const reflectionId = (deliveryId: string): string => `refl|${deliveryId}`;
export const feedbackId = (deliveryId: string): string => `fb|${deliveryId}`;

/**
 * The acting person's own delivery. Deliveries live in their owner's partition, so a card action
 * naming someone else's delivery finds nothing and is refused.
 */
export async function requireOwnDelivery(
  deps: ConversationDeps,
  userId: string,
  deliveryId: string,
  nudgeId?: string,
): Promise<Versioned<DeliveryRecord>> {
  const delivery = await deps.store.deliveries.get(userId, deliveryId);
  if (!delivery || delivery.ownerKind !== 'user' || (nudgeId !== undefined && delivery.nudgeId !== nudgeId)) {
    throw new ConversationError('forbidden', 'This card is not one of your nudges, so I cannot act on it.');
  }
  return delivery;
}

/** The snooze/skip line for the card, worded for the person (date with year, time and their time zone). */
function scheduleText(user: UserRecord, delivery: DeliveryRecord): string {
  const i = delivery.interaction;
  if (i?.snoozedUntil && !i.skipped) {
    return `Snoozed until ${formatLocal(i.snoozedUntil, user.prefs.timeZone, user.prefs.locale)}.`;
  }
  if (i?.skipped) {
    const next = user.nextDueAt
      ? ` Your next nudge: ${formatLocal(user.nextDueAt, user.prefs.timeZone, user.prefs.locale)}.`
      : '';
    // Skipping drops a pending snooze of this nudge (delivery/snooze.ts), so say so: no copy comes back.
    return `Skipped: this nudge will not come back, not even a snoozed copy. Missing a week does no harm to a habit.${next}`;
  }
  return '';
}

/**
 * The card for a nudge as it stands now for this person: one card whose parts (poll, reflection,
 * feedback, snooze/skip) each show their own state, so no action hides another's result or buttons.
 */
export async function nudgeStateReply(
  deps: ConversationDeps,
  user: UserRecord,
  delivery: DeliveryRecord,
  notice = '',
): Promise<Reply> {
  const nudge = findNudge(deps, delivery.nudgeId);
  const groups = await countingGroupsOf(deps.store, user.tenantId, user.userId);
  const links = courseLinks(deps, user.tenantId, user.userId, groups[0]?.practiceId);
  const base = nudgeViewFor(deps, nudge, delivery.id, cardPersonOf(user.prefs), links);
  const [answer, reflection, feedback] = await Promise.all([
    deps.store.responses.get(user.userId, pollAnswerId(delivery.id)) as Promise<PollAnswerRecord | undefined>,
    deps.store.responses.get(user.userId, reflectionId(delivery.id)) as Promise<ReflectionRecord | undefined>,
    deps.store.responses.get(user.userId, feedbackId(delivery.id)) as Promise<FeedbackRecord | undefined>,
  ]);
  // The results of the person's practice (the first by name when they are in several; each counts them once).
  const group = answer ? groups[0] : undefined;
  const counts = group ? await readCounts(deps.store, group.groupId, nudge.poll.id) : undefined;
  const interaction = delivery.interaction;
  const card = withNudgeState(base, nudge.poll, {
    answer: answer && {
      optionId: answer.optionId,
      rating: answer.rating,
      counts: counts?.published?.counts ?? {},
      people: counts?.total ?? 0,
    },
    minAnswers: deps.config.minGroupSize,
    reflectionSaved: Boolean(reflection),
    // Personal chat only: this card is never sent to a channel (personal verbs are refused there).
    reflectionText: reflection?.text,
    useful: feedback?.useful,
    scheduleText: scheduleText(user, delivery),
    // An answered nudge has done its job this week: nothing to bring back tomorrow.
    canSnooze: !answer && deps.engine.snoozeOffered(user, delivery, deps.now()),
    canSkip: !interaction?.skipped,
    groupName: group ? escapeCardText(group.name) : 'your practice',
    groupNote: answer && !group ? NO_PRACTICE_NOTE : '',
    notice,
  });
  return { summary: nudge.title, card: deps.renderCard('nudge', card) };
}
