import type { AcquireTenantCall } from './turn-limits';
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Reply } from '../conversation/deps';
import type { TeamRecord } from '../domain';
import { publishRolloutStatus, readRolloutCounts, teamStatusLine, teamStatusNote } from '../team/rollout-status';
import { applyRosterJoin, applyRosterLeave, findRosterMember } from '../team/roster-membership';
import { queueRosterRead } from '../team/roster-read';
import type { RosterPlace } from '../team/roster-welcome';
import type { TeamDeps } from '../team/team-deps';
import type { Identity } from './identity';
import { rosterMemberOf } from './team-roster';

/**
 * Members named in one event that are looked up one by one; more (a bulk add, a group synced into the
 * team) and the whole roster is read by the engine instead, outside the turn.
 */
export const MAX_MEMBERS_LOOKED_UP = 5;

/** The team roll-out at the Teams edge: the roster read queued, members joining and leaving, `status`. */
export interface TeamRollout {
  /** Queues a read of the team's whole roster for the engine (never read in the turn). Never throws. */
  queueRoster(context: TurnContext, who: Identity): Promise<void>;
  /**
   * Applies the members who joined or left that a conversationUpdate names, one by one: a joiner is
   * looked up (one Teams call) and added, a leaver removed; no roster read. Never throws.
   */
  applyMemberChanges(context: TurnContext, who: Identity, team: TeamRecord): Promise<void>;
  /** The team's roll-out counts (never names), for `status` typed in the team. */
  statusReply(who: Identity): Promise<Reply | undefined>;
}

export function createTeamRollout(
  deps: TeamDeps,
  options: { onWelcomesQueued?: () => void; onRosterQueued?: () => void; acquireTenantCall?: AcquireTenantCall } = {},
): TeamRollout {
  const placeOf = (context: TurnContext, who: Identity): RosterPlace | undefined => {
    const botId = context.activity.recipient?.id;
    return who.teamId && botId
      ? { teamId: who.teamId, tenantId: who.tenantId, serviceUrl: who.conversation.serviceUrl, botId }
      : undefined;
  };
  const warn = (err: unknown, event: string, teamId: string, message: string) => {
    const e = err as { statusCode?: number; code?: string };
    deps.logger.warn({ event, teamId, status: e.statusCode, code: e.code }, message);
  };
  const queue = async (place: RosterPlace): Promise<void> => {
    try {
      const queued = await queueRosterRead(deps, place);
      deps.logger.info({ event: 'team.roster.queued', teamId: place.teamId, queued }, 'team roster read queued');
      options.onRosterQueued?.();
    } catch (err) {
      warn(err, 'team.roster.queue_failed', place.teamId, 'could not queue the team roster read');
    }
  };
  return {
    async queueRoster(context, who) {
      const place = placeOf(context, who);
      if (place) await queue(place);
    },
    async applyMemberChanges(context, who, team) {
      const place = placeOf(context, who);
      if (!place) return;
      const isPerson = (m: { id?: string }): m is { id: string } => !!m.id && m.id !== place.botId;
      const added = (context.activity.membersAdded ?? []).filter(isPerson);
      const removed = (context.activity.membersRemoved ?? []).filter(isPerson);
      if (added.length > MAX_MEMBERS_LOOKED_UP) return queue(place);
      const welcomeGuests = team.settings.welcomeGuests === true;
      let invited = 0;
      for (const m of added) {
        try {
          // The event names the member by Teams id only: Teams' get-member gives the Entra id, tenant and role.
          // It is a Bot Connector call, so it waits for the tenant's turn under Teams' limit like any other.
          await options.acquireTenantCall?.(place.tenantId);
          const member = rosterMemberOf(await TeamsInfo.getMember(context, m.id));
          const outcome = await applyRosterJoin(deps, place, member, { run: 'event', welcomeGuests });
          if (outcome === 'invited') invited++;
        } catch (err) {
          warn(err, 'team.member.lookup_failed', place.teamId, 'could not look up a new member: roster read queued');
          return queue(place);
        }
      }
      if (invited > 0) options.onWelcomesQueued?.();
      for (const m of removed) {
        try {
          for (const r of await findRosterMember(deps, place.tenantId, place.teamId, m.id))
            await applyRosterLeave(deps, r);
        } catch (err) {
          warn(err, 'team.member.leave_failed', place.teamId, 'could not record a member leaving');
        }
      }
    },
    async statusReply(who) {
      if (!who.teamId) return undefined;
      const counts = await readRolloutCounts(deps.store, who.tenantId, who.teamId);
      const k = Math.max(5, deps.config.minGroupSize);
      const shown = await publishRolloutStatus(
        deps.store,
        who.tenantId,
        who.teamId,
        counts,
        k,
        deps.now(),
        deps.config.retentionDays * 86_400,
      );
      return {
        summary: 'Roll-out in this team',
        card: deps.renderCard('message', {
          title: 'Leadership nudges in this team',
          // Short lines, not one long sentence: the figures first, then why some are hidden.
          text: [
            `**Personal nudges:** ${teamStatusLine(shown, k)}`,
            '- Counts only: I never show who started or said no.',
            `- ${teamStatusNote(k)}`,
          ].join('\n\n'),
        }),
      };
    },
  };
}
