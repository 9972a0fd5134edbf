import type { Versioned } from '../store/port';
import type { DeliveryRecord, FeedbackRecord, PollAnswerRecord, ReflectionRecord, UserRecord } from '../domain';
import type { ConversationDeps, Reply } from './deps';
import { ConversationError } from './errors';
import { nudgeAnsweredCardData } from '../cards';
import { cardPersonOf, courseLinks, findNudge, nudgeViewFor } from './nudge-view';
import { readCounts } from './running-counts';

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

/**
 * The card for a nudge as it stands now for this person: the plain nudge card until they answer
 * or reflect, then the answered version with their answer and the group's results (from 5 answers).
 */
export async function nudgeStateReply(
  deps: ConversationDeps,
  user: UserRecord,
  delivery: DeliveryRecord,
  notice = '',
): Promise<Reply> {
  const nudge = findNudge(deps, delivery.nudgeId);
  const base = nudgeViewFor(deps, nudge, delivery.id, cardPersonOf(user.prefs), courseLinks(deps, user.tenantId));
  const [answer, reflection, feedback] = await Promise.all([
    deps.store.responses.get(user.userId, pollAnswerId(delivery.id)) as Promise<PollAnswerRecord | undefined>,
    deps.store.responses.get(user.userId, reflectionId(delivery.id)) as Promise<ReflectionRecord | undefined>,
    deps.store.responses.get(user.userId, feedbackId(delivery.id)) as Promise<FeedbackRecord | undefined>,
  ]);
  if (!answer && !reflection && !notice) {
    return { summary: nudge.title, card: deps.renderCard('nudge', base) };
  }
  const counts = answer ? await readCounts(deps.store, user.tenantId, nudge.poll.id) : undefined;
  const feedbackNote = feedback
    ? feedback.useful
      ? 'You found this nudge useful.'
      : 'Noted: fewer nudges like this one.'
    : '';
  const answered = nudgeAnsweredCardData(base, nudge.poll, {
    optionId: answer?.optionId ?? '',
    rating: answer?.rating,
    counts: counts?.published?.counts ?? {},
    people: counts?.total ?? 0,
    minAnswers: deps.config.minGroupSize,
    reflectionSaved: Boolean(reflection),
    groupName: 'your organisation',
    notice: [notice, feedbackNote].filter(Boolean).join(' '),
  });
  return {
    summary: nudge.title,
    card: deps.renderCard('nudge-answered', { ...answered, answerLabel: answer ? answered.answerLabel : '' }),
  };
}
