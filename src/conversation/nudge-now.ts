import type { DeliveryRecord } from '../domain';
import type { ConversationDeps, Reply } from './deps';
import { ConversationError } from './errors';
import { cardPersonOf, courseLinks, nudgeViewFor } from './nudge-view';
import { countingGroupsOf } from '../practice/practice-groups';
import { requireUser, updateUser } from './users';

/**
 * A nudge on request ("send me one now"), chosen by the same rules as the weekly one. It does not
 * replace the weekly nudge. Returns the card and the delivery, whose activity id the caller
 * records once the reply is sent.
 */
export async function nudgeNow(
  deps: ConversationDeps,
  userId: string,
): Promise<{ reply: Reply; delivery: DeliveryRecord }> {
  const user = await requireUser(deps, userId);
  const now = deps.now();
  const nowIso = now.toISOString();
  const ratings = await deps.engine.readRecentRatings(deps.store, userId, new Date(now.getTime() - 56 * 86_400_000));
  const selection = deps.engine.selectNudge({
    nudges: deps.content.nudges,
    role: user.prefs.role,
    // Until the person saved the form with their role, only nudges written for everyone.
    everyoneOnly: !user.onboarded,
    history: user.history,
    focus: user.prefs.focus,
    ratings,
    seed: `${userId}|adhoc|${nowIso}`,
  });
  if (!selection) throw new ConversationError('not_found', 'I have no nudge for your role just now.');
  const { nudge } = selection;
  const delivery: DeliveryRecord = {
    id: `${userId}|adhoc|${nowIso}`,
    ownerId: userId,
    ownerKind: 'user',
    tenantId: user.tenantId,
    period: `adhoc-${nowIso}`,
    kind: 'adhoc',
    nudgeId: nudge.id,
    behaviourId: nudge.behaviour,
    state: 'sent',
    attempts: 1,
    dueAt: nowIso,
    createdAt: nowIso,
    updatedAt: nowIso,
    sentAt: nowIso,
    conversationId: user.conversation.conversationId,
    ttl: deps.config.retentionDays * 86400,
  };
  await deps.store.deliveries.create(delivery);
  await updateUser(deps, userId, (u) => ({
    ...u,
    history: deps.engine.recordNudgeInHistory(u.history, nudge, selection.cycleReset),
  }));
  const practiceId = (await countingGroupsOf(deps.store, user.tenantId, user.userId))[0]?.practiceId;
  return {
    delivery,
    reply: {
      summary: nudge.title,
      card: deps.renderCard(
        'nudge',
        nudgeViewFor(
          deps,
          nudge,
          delivery.id,
          cardPersonOf(user.prefs),
          courseLinks(deps, user.tenantId, user.userId, practiceId),
        ),
      ),
    },
  };
}

/** Remembers which Teams message carries an on-request nudge, so it can be updated later. */
export async function recordActivityId(
  deps: ConversationDeps,
  delivery: DeliveryRecord,
  activityId: string,
): Promise<void> {
  const current = await deps.store.deliveries.get(delivery.ownerId, delivery.id);
  if (!current) return;
  const { etag, ...doc } = current;
  await deps.store.deliveries
    .replace({ ...doc, activityId, updatedAt: deps.now().toISOString() }, etag)
    .catch(() => undefined);
}
