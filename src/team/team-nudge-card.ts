import { createHash } from 'node:crypto';
import { pollResultsView } from '../cards/poll-results';
import type { TeamNudgeCardData } from '../cards/types';
import type { Content, Nudge, TeamNudge } from '../content/types';
import type { OutgoingCard } from '../delivery/sender';
import type { RenderCard } from '../conversation/deps';
import type { DeliveryRecord } from '../domain';

/**
 * The team nudge for a delivery. The delivery engine chooses the behaviour (rotating, as for people);
 * among that behaviour's team nudges the delivery id picks one, so the same delivery always shows
 * the same team nudge. Undefined only when there are no team nudges at all.
 */
export function pickTeamNudge(
  content: Pick<Content, 'teamNudges'>,
  behaviourId: string,
  deliveryId: string,
): TeamNudge | undefined {
  const all = [...(content.teamNudges ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const pool = all.filter((n) => n.behaviour === behaviourId);
  const from = pool.length > 0 ? pool : all;
  if (from.length === 0) return undefined;
  const index = createHash('sha256').update(deliveryId).digest().readUInt32BE(0) % from.length;
  return from[index];
}

/**
 * The key the team's running counts are kept under: one count per poll AND delivery, so a team poll
 * shown again weeks later starts from zero and nobody's answer counts twice.
 */
export const teamCountKey = (pollId: string, delivery: Pick<DeliveryRecord, 'period'>): string =>
  `${pollId}|${delivery.period}`;

/**
 * The team nudge posted on a team delivery: the one recorded on the delivery when it was claimed
 * (older deliveries: the same deterministic pick). The only team nudge an answer on it may name.
 */
export function postedTeamNudge(
  content: Pick<Content, 'teamNudges'>,
  delivery: Pick<DeliveryRecord, 'id' | 'behaviourId' | 'teamNudgeId'>,
): TeamNudge | undefined {
  if (delivery.teamNudgeId) return (content.teamNudges ?? []).find((n) => n.id === delivery.teamNudgeId);
  return pickTeamNudge(content, delivery.behaviourId, delivery.id);
}

/**
 * The team-nudge card's data: ids for the answer action and the team's results. `counts` are the
 * published snapshot (5, 10, 15... people); `people` the live number, for "N more needed" only.
 */
export function teamNudgeCardData(
  content: Pick<Content, 'behaviours'>,
  nudge: TeamNudge,
  ids: { teamId: string; deliveryId: string },
  counts: Readonly<Record<string, number>>,
  minAnswers: number,
  people = 0,
  yourAnswer = '',
): TeamNudgeCardData {
  return {
    teamId: ids.teamId,
    deliveryId: ids.deliveryId,
    nudgeId: nudge.id,
    pollId: nudge.poll.id,
    behaviourId: nudge.behaviour,
    behaviourTitle: content.behaviours.find((b) => b.id === nudge.behaviour)?.title ?? nudge.behaviour,
    title: nudge.title,
    why: nudge.why,
    sourceLabel: nudge.source.label,
    sourceUrl: nudge.source.url,
    discussion: nudge.discussion,
    pollQuestion: nudge.poll.question,
    pollChoices: nudge.poll.options.map((o) => ({ title: o.label, value: o.id })),
    ...pollResultsView(nudge.poll, counts, { minAnswers, people }),
    yourAnswer,
  };
}

/**
 * The weekly card for a team channel, composed for the delivery engine: the team nudge matching the
 * behaviour the engine chose for this delivery, with no answers yet.
 */
export function composeTeamNudge(
  content: Pick<Content, 'behaviours' | 'teamNudges'>,
  renderCard: RenderCard,
  chosen: Pick<Nudge, 'behaviour' | 'title'>,
  delivery: Pick<DeliveryRecord, 'id' | 'ownerId' | 'teamNudgeId'>,
  minAnswers: number,
): OutgoingCard {
  const nudge = postedTeamNudge(content, {
    id: delivery.id,
    behaviourId: chosen.behaviour,
    teamNudgeId: delivery.teamNudgeId,
  });
  if (!nudge) throw new Error('team nudges: no team content loaded (src/content/data/team-nudges.json)');
  return {
    summary: `Team nudge: ${nudge.title}`,
    card: renderCard(
      'team-nudge',
      teamNudgeCardData(content, nudge, { teamId: delivery.ownerId, deliveryId: delivery.id }, {}, minAnswers),
    ),
  };
}
