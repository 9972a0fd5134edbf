import { ConversationError } from '../conversation/errors';
import { updateRecord } from '../conversation/update-record';
import { isConflict, isPreconditionFailed } from '../store/errors';
import type { Versioned } from '../store/port';
import type { ConversationRef, TeamRecord } from '../domain';
import type { TeamDeps } from './team-deps';
import { channelConversationId, nextTeamDue } from './team-schedule';

/** Where the bot was added: the team, its tenant, and a conversation reference of a channel in it. */
export interface TeamPlace {
  teamId: string;
  tenantId: string;
  /** Channel conversation id (the team id itself is the General channel). */
  channelId: string;
  /** Reference of the activity's conversation (service URL, bot id); its conversation id is replaced by channelId. */
  conversation: ConversationRef;
}

/** The channel reference nudges go to: the activity's service URL and bot, the chosen channel. */
export function channelReference(conversation: ConversationRef, channelId: string): ConversationRef {
  return {
    serviceUrl: conversation.serviceUrl,
    tenantId: conversation.tenantId,
    channelId: conversation.channelId,
    botId: conversation.botId,
    conversationId: channelConversationId(channelId),
    conversationType: 'channel',
  };
}

const MAX_ATTEMPTS = 5;

/**
 * Stores the team the bot was added to (or refreshes it): default settings (on, Monday 09:00,
 * DEFAULT_TIMEZONE, the channel it was added in) and the next due time. A removed team is
 * reactivated with its old settings. Idempotent; `isNew`/`reactivated` say whether to introduce the bot.
 */
export async function addTeam(
  deps: TeamDeps,
  place: TeamPlace,
): Promise<{ team: Versioned<TeamRecord>; isNew: boolean; reactivated: boolean }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = deps.now();
    const nowIso = now.toISOString();
    const existing = await deps.store.teams.get(place.teamId, place.teamId);
    if (!existing) {
      const channelId = channelConversationId(place.channelId);
      const settings = {
        enabled: true,
        day: 'mon' as const,
        time: '09:00',
        timeZone: deps.config.defaultTimeZone,
        channelId,
      };
      const record: TeamRecord = {
        id: place.teamId,
        teamId: place.teamId,
        tenantId: place.tenantId,
        conversation: channelReference(place.conversation, channelId),
        settings,
        status: 'active',
        nextDueAt: nextTeamDue(settings, now),
        history: { seen: [], notUseful: [], sentCount: 0 },
        createdAt: nowIso,
        updatedAt: nowIso,
      };
      try {
        return { team: await deps.store.teams.create(record), isNew: true, reactivated: false };
      } catch (e) {
        if (isConflict(e)) continue;
        throw e;
      }
    }
    const reactivated = existing.status === 'removed';
    const { etag, ...doc } = existing;
    const next: TeamRecord = {
      ...doc,
      status: 'active',
      // A new service URL (Teams moves them) must reach the stored reference.
      conversation: { ...doc.conversation, serviceUrl: place.conversation.serviceUrl },
      updatedAt: nowIso,
    };
    delete next.stoppedBy;
    if (reactivated) {
      // Added back (or asked for settings after its channel was deleted): nudges go to this channel now.
      const channelId = channelConversationId(place.channelId);
      next.conversation = channelReference(place.conversation, channelId);
      next.settings = { ...next.settings, channelId };
      next.nextDueAt = nextTeamDue(next.settings, now);
    }
    try {
      return { team: await deps.store.teams.replace(next, etag), isNew: false, reactivated };
    } catch (e) {
      if (isPreconditionFailed(e)) continue;
      throw e;
    }
  }
  throw new ConversationError(
    'store_unavailable',
    'The team could not be saved because of a conflict. Please try again.',
  );
}

/** The team's record, or a ConversationError when the bot does not know the team. */
export async function requireTeam(deps: TeamDeps, teamId: string): Promise<Versioned<TeamRecord>> {
  const team = await deps.store.teams.get(teamId, teamId);
  if (!team) {
    throw new ConversationError('not_found', 'I do not know this team yet. Remove me from the team and add me again.');
  }
  return team;
}

/** Applies `change` to the team's record with a conditional write, retrying when another write came first. */
export async function updateTeam(
  deps: TeamDeps,
  teamId: string,
  change: (team: TeamRecord) => TeamRecord,
): Promise<Versioned<TeamRecord>> {
  return updateRecord(
    () => requireTeam(deps, teamId),
    deps.store.teams,
    change,
    () => deps.now(),
    'The team could not be saved because of a conflict. Please try again.',
  );
}

/**
 * Marks the team removed (no more nudges) when the bot is taken out of it, or the team or its nudge
 * channel is gone (`why`). Safe when the team is unknown.
 */
export async function removeTeam(
  deps: TeamDeps,
  teamId: string,
  why: NonNullable<TeamRecord['stoppedBy']> = 'removed',
): Promise<void> {
  if (!(await deps.store.teams.get(teamId, teamId))) return;
  await updateTeam(deps, teamId, (t) => {
    const next: TeamRecord = { ...t, status: 'removed', stoppedBy: why };
    delete next.nextDueAt;
    return next;
  });
}

/**
 * Starts a stopped team's nudges again (Teams restored or unarchived it, or restored its nudge channel)
 * in the channel it had, from the next slot. Returns false when the team is unknown, was not stopped,
 * or stopped for a reason `onlyIf` rejects.
 */
export async function resumeTeam(
  deps: TeamDeps,
  teamId: string,
  onlyIf: (stoppedBy: TeamRecord['stoppedBy']) => boolean = () => true,
): Promise<boolean> {
  const team = await deps.store.teams.get(teamId, teamId);
  if (!team || team.status !== 'removed' || !onlyIf(team.stoppedBy)) return false;
  await updateTeam(deps, teamId, (t) => {
    const next: TeamRecord = { ...t, status: 'active', nextDueAt: nextTeamDue(t.settings, deps.now()) };
    delete next.stoppedBy;
    return next;
  });
  return true;
}
