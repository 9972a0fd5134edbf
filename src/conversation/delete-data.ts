import { deleteRolloutMemberships, recordRolloutState } from './rollout-person';
import { forgetPracticePerson } from '../practice/forget-person';
import type { ConversationDeps, Reply } from './deps';

/** Asks the person to confirm before anything is deleted. */
export function deleteConfirmReply(deps: ConversationDeps): Reply {
  return { summary: 'Delete your data?', card: deps.renderCard('delete-confirm', {}) };
}

/**
 * Deletes everything stored for one person: answers, reflections, feedback, deliveries, exports and
 * their record. Their past poll answers stay only inside anonymous running counts; a one-way hash of
 * tenant and Entra id stays (for the retention period) so the roll-out never invites them again.
 */
export async function deletePersonalData(
  deps: Pick<ConversationDeps, 'store' | 'now' | 'config'>,
  userId: string,
): Promise<{ deleted: number; wipedWithinMinutes?: number }> {
  let deleted = 0;
  // The one thing kept: a tombstone (hash of tenant and Entra id) so a team roster read never invites them again.
  const user = await deps.store.users.get(userId, userId);
  if (user) await recordRolloutState(deps, user.tenantId, user.aadObjectId, 'declined');
  if (user?.aadObjectId) deleted += await deleteRolloutMemberships(deps, user.tenantId, user.aadObjectId);
  // Their practice memberships and lead records (person ids) go too.
  if (user) deleted += await forgetPracticePerson(deps.store, user.tenantId, userId);
  // The record first: a weekly run under way checks it right after writing a delivery (and deletes
  // that delivery when it is gone), and any delivery it wrote before is deleted just below.
  if (await deps.store.users.delete(userId, userId)) deleted += 1;
  deleted += await deps.store.responses.deletePartition(userId);
  deleted += await deps.store.deliveries.deletePartition(userId);
  deleted += await deps.store.exports.deletePartition(userId);
  const forgotten = await deps.store.forgetDeleted();
  return forgotten.complete ? { deleted } : { deleted, wipedWithinMinutes: forgotten.withinMinutes };
}

export async function confirmDelete(deps: ConversationDeps, userId: string): Promise<Reply> {
  const { deleted, wipedWithinMinutes } = await deletePersonalData(deps, userId);
  deps.logger.info({ event: 'data.deleted', records: deleted, wipedWithinMinutes }, 'personal data deleted');
  // Said only when true: while another program reads the database, the deleted text can still be in
  // its working file for a few minutes (README "Privacy", "How erasure works").
  const wiped =
    wipedWithinMinutes === undefined
      ? ''
      : ` The last copy of the deleted text, in the database's working file, is wiped within ${wipedWithinMinutes} minutes.`;
  return {
    summary: 'Your data is deleted',
    card: deps.renderCard('message', {
      title: 'Your data is deleted',
      text: `Everything stored about you has been deleted: settings, nudges sent, answers and reflections.${wiped} Team results keep only anonymous counts. You will get no more nudges. To start again, type "help".`,
    }),
  };
}

export function cancelDelete(deps: ConversationDeps): Reply {
  return {
    summary: 'Nothing deleted',
    card: deps.renderCard('message', { title: 'Nothing deleted', text: 'Your data is unchanged.' }),
  };
}
