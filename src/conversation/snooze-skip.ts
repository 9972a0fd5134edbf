import { z } from 'zod';
import { idField, parseCardInput } from './card-input';
import { ConversationError } from './errors';
import type { ConversationDeps, Reply } from './deps';
import { nudgeStateReply, pollAnswerId, requireOwnDelivery } from './nudge-state';
import { formatLocal } from '../cards/time-format';
import { requireUser } from './users';

const input = z.object({ deliveryId: idField, nudgeId: idField });

/**
 * "Snooze a day": the same nudge comes again tomorrow at the person's chosen time, never on the
 * day of their next weekly nudge, and never once it is answered. The card stays as it was, with a
 * line saying when it comes back.
 */
export async function snoozeNudge(deps: ConversationDeps, userId: string, data: unknown): Promise<Reply> {
  const { deliveryId, nudgeId } = parseCardInput(input, data);
  await requireOwnDelivery(deps, userId, deliveryId, nudgeId);
  if (await deps.store.responses.get(userId, pollAnswerId(deliveryId))) {
    throw new ConversationError(
      'invalid_input',
      'You have answered this nudge, so it will not come back tomorrow: nothing was snoozed. It stays here for you.',
    );
  }
  const result = await deps.engine.snoozeDelivery(deps.store, userId, deliveryId, deps.now());
  if (!result.ok) {
    const user = await requireUser(deps, userId);
    const next = result.nextDueAt ? formatLocal(result.nextDueAt, user.prefs.timeZone, user.prefs.locale) : 'soon';
    throw new ConversationError(
      'invalid_input',
      result.reason === 'already_snoozed'
        ? 'This nudge is already snoozed; it comes back once. You can still skip it.'
        : result.reason === 'not_sent'
          ? 'Only a weekly nudge that has arrived can be snoozed, once. You can skip this one instead.'
          : result.reason === 'next_nudge_first'
            ? `Your next nudge arrives on ${next}, so this one cannot be snoozed to then. Keep this card open, or skip it.`
            : 'I could not snooze this nudge just now. Please try again in a minute.',
    );
  }
  const user = await requireUser(deps, userId);
  const delivery = await requireOwnDelivery(deps, userId, deliveryId, nudgeId);
  return nudgeStateReply(deps, user, delivery);
}

/** "Skip this one": no replacement this week; the next nudge comes at the usual time. The card stays. */
export async function skipNudge(deps: ConversationDeps, userId: string, data: unknown): Promise<Reply> {
  const { deliveryId, nudgeId } = parseCardInput(input, data);
  await requireOwnDelivery(deps, userId, deliveryId, nudgeId);
  const result = await deps.engine.skipDelivery(deps.store, userId, deliveryId, deps.now());
  if (!result.ok)
    throw new ConversationError(
      'store_unavailable',
      'I could not skip this nudge just now. Please try again in a minute.',
    );
  const user = await requireUser(deps, userId);
  const delivery = await requireOwnDelivery(deps, userId, deliveryId, nudgeId);
  return nudgeStateReply(deps, user, delivery);
}
