import type { ConversationDeps, Reply } from './deps';
import { ConversationError, type ConversationErrorCode } from './errors';
import { nudgeStateReply, requireOwnDelivery } from './nudge-state';
import { requireUser } from './users';

/** A personal nudge card action: the person's id and the card's data in, the card to show out. */
export type NudgeCardAction = (deps: ConversationDeps, userId: string, data: unknown) => Promise<Reply>;

/** Refusals about the click itself (nothing chosen, an empty box, snooze not possible): the card can stay. */
const KEEPS_THE_CARD: ReadonlySet<ConversationErrorCode> = new Set(['invalid_input', 'too_long', 'store_unavailable']);

/** Said when a card's data did not parse at all (an old or tampered card): plain words, no field names. */
const INCOMPLETE_NOTE = 'That did not go through, so nothing was saved. Please try again.';

const idsOf = (data: unknown): { deliveryId: string; nudgeId?: string } | undefined => {
  if (!data || typeof data !== 'object') return undefined;
  const { deliveryId, nudgeId } = data as { deliveryId?: unknown; nudgeId?: unknown };
  if (typeof deliveryId !== 'string' || deliveryId === '') return undefined;
  return { deliveryId, ...(typeof nudgeId === 'string' ? { nudgeId } : {}) };
};

/**
 * Wraps a nudge card action so that a refused click answers with the SAME nudge card (its poll,
 * reflection box and buttons as they stand) and a short plain note on it, never an error card in its
 * place: one stray click must not lose the week's nudge. Refusals that are not about the click (not
 * the person's card, the nudge gone) still become the error card.
 */
export function keepingTheNudgeCard(action: NudgeCardAction): NudgeCardAction {
  return async (deps, userId, data) => {
    try {
      return await action(deps, userId, data);
    } catch (error) {
      const ids = idsOf(data);
      if (!(error instanceof ConversationError) || !KEEPS_THE_CARD.has(error.code) || !ids) throw error;
      let delivery;
      try {
        delivery = await requireOwnDelivery(deps, userId, ids.deliveryId, ids.nudgeId);
      } catch {
        throw error;
      }
      const user = await requireUser(deps, userId);
      const note = error.fieldErrors.length > 0 ? INCOMPLETE_NOTE : error.userMessage;
      // Logged as every refusal is (bot/error-reply.ts): a code, never the card's text.
      deps.logger.warn({ event: 'action.refused', context: 'nudge-card', code: error.code }, 'request refused');
      return nudgeStateReply(deps, user, delivery, note);
    }
  };
}
