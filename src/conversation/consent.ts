import type { UserRecord } from '../domain';
import type { Actor, ConversationDeps, Reply } from './deps';
import { deletePersonalData } from './delete-data';
import { welcomeReply } from './onboarding';
import { retentionText } from './retention';
import { recordRolloutState } from './rollout-person';
import { nextDueFor, requireUser, updateUser, withWeeklyDue } from './users';

/** True when the person has agreed to weekly nudges (records from before consent count as agreed). */
export const hasStarted = (user: Pick<UserRecord, 'consent'>): boolean => user.consent?.state !== 'pending';

/** The record after the person agreed: consent started and, if active, their first weekly slot. */
export function withConsentStarted(deps: Pick<ConversationDeps, 'engine'>, user: UserRecord, now: Date): UserRecord {
  if (hasStarted(user)) return user;
  const started: UserRecord = { ...user, consent: { ...user.consent!, state: 'started' }, anchorDate: undefined };
  delete started.nextDueAt;
  return started.status === 'active' ? withWeeklyDue(started, nextDueFor(deps, started, now)) : started;
}

/** The short welcome (kind 'welcome') or the one reminder for someone who has not pressed Start. */
export function inviteReply(
  deps: Pick<ConversationDeps, 'renderCard' | 'config'>,
  kind: 'welcome' | 'reminder',
): Reply {
  const data =
    kind === 'welcome'
      ? {
          title: 'Your practice has added Leadership Nudges',
          text: 'Would you like one short nudge a week to practise collective leadership: one behaviour, a quick anonymous poll and one small thing to try? It takes two minutes.',
        }
      : {
          title: 'Still interested in a weekly leadership nudge?',
          text: 'Last week I offered you a short weekly nudge. This is the only reminder: press Start to begin, or No thanks and I will not ask again.',
        };
  return {
    summary: data.title,
    card: deps.renderCard('invite', { ...data, retentionText: retentionText(deps.config.retentionDays) }),
  };
}

/**
 * "Start my nudges" on the welcome: weekly nudges begin (Monday 09:00 until they change it) and the
 * preferences form comes back so they can make them fit. Idempotent.
 */
export async function startNudges(deps: ConversationDeps, actor: Actor): Promise<Reply> {
  const user = await updateUser(deps, actor.userId, (u) => withConsentStarted(deps, u, deps.now()));
  await recordRolloutState(deps, user.tenantId, user.aadObjectId, 'started');
  return welcomeReply(deps, user);
}

/**
 * "No thanks": deletes what the bot holds about the person and keeps only the tombstone (a hash of
 * tenant and Entra id, for the retention period) so no roster read invites them again. They can
 * still start later by writing to the bot. Idempotent.
 */
export async function declineNudges(deps: ConversationDeps, actor: Actor): Promise<Reply> {
  const user = await requireUser(deps, actor.userId).catch(() => undefined);
  await recordRolloutState(deps, actor.tenantId, user?.aadObjectId ?? actor.aadObjectId, 'declined');
  await deletePersonalData(deps, actor.userId);
  deps.logger.info({ event: 'consent.declined' }, 'a person said no thanks');
  return {
    summary: 'No nudges for you',
    card: deps.renderCard('message', {
      title: 'No problem',
      text: 'You will get no nudges and I will not ask again. I have kept nothing about you except a one-way code that stops me inviting you again. If you change your mind, write "help" to me here.',
    }),
  };
}
