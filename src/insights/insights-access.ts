import type { ConversationDeps, Reply } from '../conversation/deps';
import type { TeamActor } from '../team/team-deps';
import { insightsReply } from './insights-reply';
import type { InsightsScope } from './insights-scope';

/**
 * Whose figures a person may see: in a team channel, that team's (any member: only members can
 * post there); in personal chat, their organisation's, when their AAD object id is listed in
 * INSIGHTS_VIEWERS. Undefined means nothing may be shown.
 */
export function insightsScopeFor(deps: Pick<ConversationDeps, 'config'>, who: TeamActor): InsightsScope | undefined {
  if (who.scope === 'team' && who.teamId) {
    return { kind: 'team', tenantId: who.tenantId, teamId: who.teamId, name: 'Your team' };
  }
  if (who.scope === 'personal' && who.aadObjectId && deps.config.insightsViewers.includes(who.aadObjectId)) {
    return { kind: 'tenant', tenantId: who.tenantId, name: 'Your organisation' };
  }
  return undefined;
}

/** `insights`: the card for the scope the person may see, or a polite refusal that reveals no figure. */
export async function answerInsights(deps: ConversationDeps, who: TeamActor): Promise<Reply> {
  const scope = insightsScopeFor(deps, who);
  if (scope) return insightsReply(deps, scope);
  deps.logger.info({ event: 'insights.refused', scope: who.scope }, 'insights refused');
  return {
    summary: 'Insights are not available here',
    card: deps.renderCard('message', {
      title: 'Insights are not available here',
      text:
        who.scope === 'personal'
          ? 'Sorry, organisation insights are only for the people your practice named to see them. Ask your practice manager, or type "insights" in a team channel where I am added to see that team\'s figures.'
          : 'Sorry, insights are available in a team channel (for that team) or, for named people, in a personal chat with me.',
    }),
  };
}
