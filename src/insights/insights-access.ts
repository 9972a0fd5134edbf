import type { ConversationDeps, Reply } from '../conversation/deps';
import { memberKey } from '../conversation/member-key';
import { serverKey } from '../conversation/server-key';
import { practiceMemberId, type PracticeDoc } from '../domain';
import { isLead, listPractices, practiceOfTeam, practicesLedBy, practicesOf } from '../practice';
import type { TeamActor } from '../team/team-deps';
import { escapeCardText } from '../cards';
import { insightsReply } from './insights-reply';
import type { InsightsScope } from './insights-scope';

/** Either the figures a person may see, or why not (worded for them, naming no other practice). */
export type InsightsDecision = { scope: InsightsScope } | { refusal: string };

/**
 * INSIGHTS_VIEWERS is an operator's override for a tenant that is one organisation: the people listed
 * may see any practice of their own tenant, one practice at a time, as its leads do. Never pooled.
 */
const isOperatorViewer = (deps: Pick<ConversationDeps, 'config'>, who: TeamActor): boolean =>
  !!who.aadObjectId && deps.config.insightsViewers.includes(who.aadObjectId);

const practiceScope = (p: PracticeDoc): InsightsScope => ({
  kind: 'practice',
  tenantId: p.tenantId,
  practiceId: p.practiceId,
  name: escapeCardText(p.name),
});

/** Whether the person is in the team's roster as the bot last read it. */
async function isTeamMember(
  deps: Pick<ConversationDeps, 'store' | 'config'>,
  who: TeamActor,
  teamId: string,
): Promise<boolean> {
  const key = memberKey(await serverKey(deps), who.tenantId, who.aadObjectId ?? who.userId);
  return (await deps.store.practices.get(who.tenantId, practiceMemberId(teamId, key)))?.kind === 'member';
}

const NOT_A_MEMBER = 'Insights in this channel are for the members of this team.';
const ONLY_LEADS =
  "Practice insights are for your practice's leads. Ask one of them, or type \"insights\" in one of your team's channels to see that team's own poll figures.";
const NO_PRACTICE =
  'Group figures are counted per practice, and you are not in a team that has been set up as a practice\'s, so there are none to show you. Your own nudges, answers and reflections work as usual: type "history" to see them.';

/** In a team channel: a lead of the team's practice sees the practice; its members see the team. */
async function decideInTeam(deps: ConversationDeps, who: TeamActor, teamId: string): Promise<InsightsDecision> {
  const practice = await practiceOfTeam(deps.store, who.tenantId, teamId);
  if (!practice) return { scope: { kind: 'team', tenantId: who.tenantId, teamId, name: 'Your team' } };
  if ((await isLead(deps.store, who.tenantId, practice.practiceId, who.userId)) || isOperatorViewer(deps, who)) {
    return { scope: practiceScope(practice) };
  }
  if (await isTeamMember(deps, who, teamId)) {
    return { scope: { kind: 'team', tenantId: who.tenantId, teamId, name: 'Your team' } };
  }
  return { refusal: NOT_A_MEMBER };
}

/** In personal chat: the practice the person leads (by name when they lead several). */
async function decideInPersonal(deps: ConversationDeps, who: TeamActor, args: string): Promise<InsightsDecision> {
  const led = isOperatorViewer(deps, who)
    ? (await listPractices(deps.store, who.tenantId)).filter((p) => p.status === 'active')
    : await practicesLedBy(deps.store, who.tenantId, who.userId);
  if (led.length === 0) {
    const memberOf = await practicesOf(deps.store, who.tenantId, who.userId);
    return { refusal: memberOf.length > 0 ? ONLY_LEADS : NO_PRACTICE };
  }
  const wanted = args.trim().toLowerCase();
  const chosen = wanted ? led.filter((p) => p.name.toLowerCase() === wanted) : led;
  if (chosen.length === 1) return { scope: practiceScope(chosen[0]!) };
  // In alphabetical order: the store returns practices in no particular order.
  const names = [...led]
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((p) => `"${escapeCardText(p.name)}"`)
    .join(', ');
  return {
    refusal: wanted
      ? `You do not lead a practice of that name. The practices you can see: ${names}. Type "insights" and one of these names.`
      : `You can see more than one practice: ${names}. Type "insights" and one of these names.`,
  };
}

/**
 * Whose figures a person may see, decided from the records alone (nothing in the message or card data
 * names a practice): in a team channel, its practice's for that practice's leads, else the team's for
 * its members; in personal chat, a practice they lead. Never a tenant's: that would pool practices.
 */
export async function decideInsights(deps: ConversationDeps, who: TeamActor, args = ''): Promise<InsightsDecision> {
  if (who.scope === 'team' && who.teamId) return decideInTeam(deps, who, who.teamId);
  if (who.scope === 'personal') return decideInPersonal(deps, who, args);
  return { refusal: 'Sorry, insights are available in a team channel or in a personal chat with me.' };
}

/** `insights`: the card for the scope the person may see, or a polite refusal that reveals no figure. */
export async function answerInsights(deps: ConversationDeps, who: TeamActor, args = ''): Promise<Reply> {
  const decision = await decideInsights(deps, who, args);
  if ('scope' in decision) return insightsReply(deps, decision.scope);
  deps.logger.info({ event: 'insights.refused', scope: who.scope }, 'insights refused');
  return {
    summary: 'Insights are not available here',
    card: deps.renderCard('message', { title: 'Insights are not available here', text: decision.refusal }),
  };
}
