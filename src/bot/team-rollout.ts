import type { TurnContext } from 'botbuilder';
import type { Reply } from '../conversation/deps';
import { syncTeamRoster, type RosterSyncResult } from '../team/roster-welcome';
import { readRolloutCounts, rolloutLine, shownRollout, suppressionNote } from '../team/rollout-status';
import type { TeamDeps } from '../team/team-deps';
import type { Identity } from './identity';
import { teamRosterReader } from './team-roster';

/** The team roll-out at the Teams edge: read the roster when the team changes, and the team's `status`. */
export interface TeamRollout {
  /** Reads the team's roster and queues a welcome for each member the bot does not know yet. Never throws. */
  meetTeam(context: TurnContext, who: Identity): Promise<RosterSyncResult | undefined>;
  /** The team's roll-out counts (never names), for `status` typed in the team. */
  statusReply(who: Identity): Promise<Reply | undefined>;
}

export function createTeamRollout(deps: TeamDeps, options: { onWelcomesQueued?: () => void } = {}): TeamRollout {
  return {
    async meetTeam(context, who) {
      const botId = context.activity.recipient?.id;
      if (!who.teamId || !botId) return undefined;
      try {
        const result = await syncTeamRoster(
          deps,
          { teamId: who.teamId, tenantId: who.tenantId, serviceUrl: who.conversation.serviceUrl, botId },
          teamRosterReader(context, who.teamId),
        );
        if (result.invited > 0) options.onWelcomesQueued?.();
        return result;
      } catch (err) {
        // The team itself is saved; the next member change (or re-adding the bot) reads the roster again.
        const e = err as { statusCode?: number; code?: string };
        deps.logger.warn(
          { event: 'team.roster.failed', teamId: who.teamId, status: e.statusCode, code: e.code },
          'could not read the team roster',
        );
        return undefined;
      }
    },
    async statusReply(who) {
      if (!who.teamId) return undefined;
      const counts = await readRolloutCounts(deps.store, who.tenantId, who.teamId);
      return {
        summary: 'Roll-out in this team',
        card: deps.renderCard('message', {
          title: 'Leadership nudges in this team',
          // Short lines, not one long sentence: the figures first, then why some are hidden.
          text: [
            `**Personal nudges:** ${rolloutLine(shownRollout(counts, deps.config.minGroupSize, false))}`,
            '- Counts only: I never show who started or said no.',
            `- ${suppressionNote(Math.max(5, deps.config.minGroupSize))}`,
          ].join('\n\n'),
        }),
      };
    },
  };
}
