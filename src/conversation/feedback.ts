import { z } from 'zod';
import type { FeedbackRecord } from '../domain';
import { idField, parseCardInput } from './card-input';
import type { ConversationDeps, Reply } from './deps';
import { feedbackId, nudgeStateReply, requireOwnDelivery } from './nudge-state';
import { requireUser, updateUser } from './users';

const feedbackInput = z.object({
  deliveryId: idField,
  nudgeId: idField,
  useful: z.union([z.boolean(), z.enum(['true', 'false'])]),
});

/** Records whether a nudge was useful; "not useful" steers the choice of later nudges away from it. */
export async function recordFeedback(deps: ConversationDeps, userId: string, data: unknown): Promise<Reply> {
  const input = parseCardInput(feedbackInput, data);
  const useful = input.useful === true || input.useful === 'true';
  await requireUser(deps, userId);
  const delivery = await requireOwnDelivery(deps, userId, input.deliveryId, input.nudgeId);
  const user = await requireUser(deps, userId);
  const record: FeedbackRecord = {
    id: feedbackId(delivery.id),
    kind: 'feedback',
    userId,
    tenantId: user.tenantId,
    deliveryId: delivery.id,
    nudgeId: delivery.nudgeId,
    useful,
    savedAt: deps.now().toISOString(),
    ttl: deps.config.retentionDays * 86400,
  };
  await deps.store.responses.upsert(record);
  const updated = await updateUser(deps, userId, (u) => {
    const notUseful = new Set(u.history.notUseful);
    if (useful) notUseful.delete(delivery.nudgeId);
    else notUseful.add(delivery.nudgeId);
    return { ...u, history: { ...u.history, notUseful: [...notUseful] } };
  });
  return nudgeStateReply(
    deps,
    updated,
    delivery,
    useful ? 'Thanks: noted as useful.' : 'Thanks: noted as not useful; fewer nudges like this one.',
  );
}
