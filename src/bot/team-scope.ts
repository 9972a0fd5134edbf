import type { AcquireTenantCall } from './turn-limits';
import type { TurnContext } from 'botbuilder';
import { ActivityTypes, CardFactory } from 'botbuilder';
import { VERBS } from '../cards/verbs';
import type { ConversationDeps, Reply } from '../conversation/deps';
import type { FollowUps } from '../delivery/follow-ups';
import { answerInsights } from '../insights/insights-access';
import type { TeamDeps } from '../team/team-deps';
import { teamIntroReply } from '../team/team-intro';
import { answerTeamPoll, viewTeamPoll } from '../team/team-poll';
import { addTeam, removeTeam, resumeTeam, type TeamPlace } from '../team/team-records';
import { channelConversationId } from '../team/team-schedule';
import { saveTeamSettings, showTeamSettings } from '../team/team-settings';
import { joinPracticeFromCard, savePracticeSettings, setUpPracticeFromCard, showPractice } from '../team/team-practice';
import { noteTeamAddedBy, practiceOfTeam } from '../practice';
import type { Identity } from './identity';
import { createTeamRollout } from './team-rollout';
import type { TeamScope } from './nudge-bot';

const placeOf = (who: Identity): TeamPlace | undefined =>
  who.teamId
    ? {
        teamId: who.teamId,
        tenantId: who.tenantId,
        // The channel the activity came from (or was installed in), never silently the General channel.
        channelId: who.channelId ?? channelConversationId(who.conversation.conversationId),
        conversation: who.conversation,
      }
    : undefined;

const cardActivity = (reply: Reply) => ({
  type: ActivityTypes.Message,
  summary: reply.summary,
  attachments: [CardFactory.adaptiveCard(reply.card)],
});

/**
 * The Teams edge of the team module: reads the team and channel from the activity and calls the
 * team use cases (src/team, src/insights), which know nothing of botbuilder. `followUps` updates the
 * shared channel card when a team poll's counts change (after the invoke is answered).
 */
export function createTeamScope(
  deps: ConversationDeps,
  options: {
    followUps: Pick<FollowUps, 'replaceCard'>;
    /** Welcomes were queued in the turn (a member joined): the engine sends them. */
    onWelcomesQueued?: () => void;
    /** A roster read was queued: the engine reads it at its next tick. */
    onRosterQueued?: () => void;
    /** Waits for the tenant's turn under Teams' limit before an in-turn call (a joiner's look-up). */
    acquireTenantCall?: AcquireTenantCall;
  },
): TeamScope {
  const teamDeps: TeamDeps = { ...deps, followUps: options.followUps };
  const rollout = createTeamRollout(teamDeps, {
    onWelcomesQueued: options.onWelcomesQueued,
    onRosterQueued: options.onRosterQueued,
    acquireTenantCall: options.acquireTenantCall,
  });
  return {
    async onBotAddedToTeam(context: TurnContext, who: Identity) {
      const place = placeOf(who);
      if (!place) {
        deps.logger.warn({ event: 'team.added.no_team_id' }, 'bot added to a team, but Teams sent no team id');
        return;
      }
      const { team, isNew, reactivated } = await addTeam(teamDeps, place);
      deps.logger.info({ event: 'team.added', teamId: team.teamId, isNew, reactivated }, 'bot added to a team');
      // The person who added the bot is the one who may set the team up as a practice's (its first lead).
      await noteTeamAddedBy(deps, who.tenantId, team.teamId, who.userId);
      const inPractice = await practiceOfTeam(deps.store, who.tenantId, team.teamId);
      if (isNew || reactivated) await context.sendActivity(cardActivity(teamIntroReply(deps, team, !inPractice)));
      // The roster is read by the engine, outside this turn (a 5,000-member team is ten pages and
      // thousands of store operations): the install is answered at once.
      await rollout.queueRoster(context, who);
    },
    async onTeamMembersChanged(context: TurnContext, who: Identity) {
      const known = who.teamId ? await deps.store.teams.get(who.teamId, who.teamId) : undefined;
      if (known?.status === 'active') await rollout.applyMemberChanges(context, who, known);
    },
    async onBotRemovedFromTeam(_context: TurnContext, who: Identity) {
      if (!who.teamId) return;
      await removeTeam(teamDeps, who.teamId, 'removed');
      deps.logger.info({ event: 'team.removed', teamId: who.teamId }, 'bot removed from a team');
    },
    async onTeamStopped(_context: TurnContext, who: Identity, why: 'deleted' | 'archived' | 'channel_deleted') {
      if (!who.teamId) return;
      await removeTeam(teamDeps, who.teamId, why);
      deps.logger.info({ event: `team.${why}`, teamId: who.teamId }, 'team nudges stopped');
    },
    async onTeamResumed(_context: TurnContext, who: Identity, why: 'restored' | 'unarchived') {
      if (!who.teamId) return;
      // A team the bot was taken out of stays stopped: the bot is not in it, whatever happens to the team.
      const resumed = await resumeTeam(teamDeps, who.teamId, (stoppedBy) => stoppedBy !== 'removed');
      deps.logger.info({ event: `team.${why}`, teamId: who.teamId, resumed }, 'team back');
    },
    async onChannelRestored(_context: TurnContext, who: Identity, channelId: string) {
      if (!who.teamId) return;
      const team = await deps.store.teams.get(who.teamId, who.teamId);
      // Only the nudge channel's return matters, and only when its deletion is what stopped the nudges.
      if (team?.conversation.conversationId !== channelConversationId(channelId)) return;
      const resumed = await resumeTeam(teamDeps, who.teamId, (stoppedBy) => stoppedBy === 'channel_deleted');
      deps.logger.info({ event: 'team.channel_restored', teamId: who.teamId, resumed }, 'nudge channel restored');
    },
    async onChannelDeleted(context: TurnContext, who: Identity, channelId: string) {
      if (!who.teamId) return;
      const team = await deps.store.teams.get(who.teamId, who.teamId);
      // Only the channel the nudges go to matters; they never move to another channel by themselves.
      if (team?.status === 'active' && team.conversation.conversationId === channelConversationId(channelId)) {
        await this.onTeamStopped(context, who, 'channel_deleted');
      }
    },
    async onCommand(_context: TurnContext, who: Identity, name: string, args: string) {
      if (name === 'insights') return answerInsights(deps, who, args);
      if (name === 'practice') {
        if (who.scope === 'team' && /^join\b/.test(args)) {
          return joinPracticeFromCard(teamDeps, who, { practiceName: args.replace(/^join\s*/, '') });
        }
        if (who.scope === 'team' || who.scope === 'personal') return showPractice(teamDeps, who);
        return undefined;
      }
      if (who.scope === 'team' && name === 'status') return rollout.statusReply(who);
      if (who.scope === 'team' && name === 'settings') {
        const place = placeOf(who);
        if (!place) return undefined;
        const known = await deps.store.teams.get(place.teamId, place.teamId);
        // A message can only come from a team the bot is in: (re)register it if the add event was missed.
        if (!known || known.status !== 'active') await addTeam(teamDeps, place);
        return showTeamSettings(teamDeps, who, place.teamId);
      }
      return undefined;
    },
    cardActions: {
      [VERBS.teamPollAnswer]: (_deps, who, data) => answerTeamPoll(teamDeps, who, data),
      [VERBS.teamPollView]: (_deps, who, data) => viewTeamPoll(teamDeps, who, data),
      [VERBS.teamSettingsSave]: (_deps, who, data) => saveTeamSettings(teamDeps, who, data),
      [VERBS.teamPracticeSetup]: (_deps, who, data) => setUpPracticeFromCard(teamDeps, who, data),
      [VERBS.teamPracticeJoin]: (_deps, who, data) => joinPracticeFromCard(teamDeps, who, data),
      [VERBS.teamPracticeSave]: (_deps, who, data) => savePracticeSettings(teamDeps, who, data),
    },
  };
}
