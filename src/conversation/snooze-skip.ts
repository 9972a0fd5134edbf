import { z } from 'zod';
import { idField, parseCardInput } from './card-input';
import { ConversationError } from './errors';
import type { ConversationDeps, Reply } from './deps';
import { requireOwnDelivery } from './nudge-state';
import { formatLocal } from './time-format';
import { requireUser } from './users';

const input = z.object({ deliveryId: idField, nudgeId: idField });

/** "Snooze a day": the same nudge comes again tomorrow at the person's chosen time. */
export async function snoozeNudge(deps: ConversationDeps, userId: string, data: unknown): Promise<Reply> {
  const { deliveryId, nudgeId } = parseCardInput(input, data);
  await requireOwnDelivery(deps, userId, deliveryId, nudgeId);
  const result = await deps.engine.snoozeDelivery(deps.store, userId, deliveryId, deps.now());
  if (!result.ok) {
    throw new ConversationError(
      'invalid_input',
      result.reason === 'already_snoozed'
        ? 'This nudge is already snoozed until tomorrow.'
        : result.reason === 'not_sent'
          ? 'Only a nudge that has arrived can be snoozed, and only once.'
          : 'I could not snooze this nudge just now. Please try again.',
    );
  }
  const until = new Date(result.until);
  const user = await requireUser(deps, userId);
  return {
    summary: 'Snoozed until tomorrow',
    card: deps.renderCard('message', {
      title: 'Snoozed until tomorrow',
      text: `I will send this nudge again on ${formatLocal(until.toISOString(), user.prefs.timeZone)}.`,
    }),
  };
}

/** "Skip this one": no replacement this week; the next nudge comes at the usual time. */
export async function skipNudge(deps: ConversationDeps, userId: string, data: unknown): Promise<Reply> {
  const { deliveryId, nudgeId } = parseCardInput(input, data);
  await requireOwnDelivery(deps, userId, deliveryId, nudgeId);
  await deps.engine.skipDelivery(deps.store, userId, deliveryId, deps.now());
  const user = await requireUser(deps, userId);
  const next = user.nextDueAt ? ` Your next nudge: ${formatLocal(user.nextDueAt, user.prefs.timeZone)}.` : '';
  return {
    summary: 'Skipped',
    card: deps.renderCard('message', {
      title: 'Skipped this one',
      text: `No problem: missing a week does no harm to a habit.${next}`,
    }),
  };
}
