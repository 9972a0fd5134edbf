import { z } from 'zod';
import { idField, parseCardInput } from '../conversation/card-input';
import type { Reply } from '../conversation/deps';
import { ConversationError } from '../conversation/errors';
import { recordAnswer } from '../conversation/poll';
import { readCounts } from '../conversation/running-counts';
import type { AggregateRecord, DeliveryRecord, PollAnswerRecord, TeamRecord } from '../domain';
import type { TeamNudge } from '../content/types';
import { pollAnswerId } from '../conversation/nudge-state';
import { assertActsInTeam } from './team-access';
import type { TeamActor, TeamDeps } from './team-deps';
import { postedTeamNudge, teamCountKey, teamNudgeCardData } from './team-nudge-card';
import { requireTeam } from './team-records';
import { isInTeamRoster } from './team-membership';

const teamPollInput = z.object({
  teamId: idField,
  deliveryId: idField,
  nudgeId: idField,
  pollId: idField.optional(),
  behaviourId: idField.optional(),
  optionId: z.string().min(1).max(100),
});

/** Whether the shared card would look the same: the published snapshot, or (before one) the number still needed. */
const sameCard = (a: AggregateRecord | undefined, b: AggregateRecord | undefined): boolean =>
  a?.published || b?.published
    ? JSON.stringify(a?.published?.counts ?? {}) === JSON.stringify(b?.published?.counts ?? {})
    : (a?.total ?? 0) === (b?.total ?? 0);

/**
 * The team nudge card with the team's published counts, and `yourAnswer` for the one person it is
 * answered to ('' on the shared channel card, which never carries anyone's answer).
 */
function teamPollReply(
  deps: TeamDeps,
  nudge: TeamNudge,
  team: TeamRecord,
  delivery: DeliveryRecord,
  counts: AggregateRecord | undefined,
  yourAnswer: string,
): Reply {
  return {
    summary: `Team nudge: ${nudge.title}`,
    card: deps.renderCard(
      'team-nudge',
      teamNudgeCardData(
        deps.content,
        nudge,
        { teamId: team.teamId, deliveryId: delivery.id },
        counts?.published?.counts ?? {},
        deps.config.minGroupSize,
        counts?.total ?? 0,
        yourAnswer,
      ),
    ),
  };
}

async function requireTeamDelivery(deps: TeamDeps, team: TeamRecord, deliveryId: string): Promise<DeliveryRecord> {
  const delivery = await deps.store.deliveries.get(team.teamId, deliveryId);
  if (!delivery || delivery.ownerKind !== 'team' || delivery.ownerId !== team.teamId) {
    throw new ConversationError('not_found', 'I cannot find that team nudge any more, so nothing was saved.');
  }
  return delivery;
}

/**
 * Stores one team member's answer to the team poll (in their own partition, grouped under the team;
 * answering again changes it and moves their count, never double counts). Works for members who never
 * chatted with the bot: no user record is needed and no name is stored. Returns the card with the
 * team's counts (results only from the minimum group size) and, when the counts changed, queues the
 * update of the shared channel message so everyone sees the same.
 */
export async function answerTeamPoll(deps: TeamDeps, who: TeamActor, data: unknown): Promise<Reply> {
  const input = parseCardInput(teamPollInput, data);
  const team = await requireTeam(deps, input.teamId);
  assertActsInTeam(who, team);
  // Teams should stop a member who left from acting in the channel; the bot does not rely on it.
  if ((await isInTeamRoster(deps, team.tenantId, team.teamId, who.aadObjectId)) === false) {
    throw new ConversationError(
      'forbidden',
      'Only members of this team can answer its poll, and you are not on its member list now, so nothing was saved.',
    );
  }
  const delivery = await requireTeamDelivery(deps, team, input.deliveryId);
  // The card's data is checked against what was posted on this delivery, never trusted.
  const nudge = postedTeamNudge(deps.content, delivery);
  if (!nudge || input.nudgeId !== nudge.id || (input.pollId && input.pollId !== nudge.poll.id)) {
    throw new ConversationError(
      'invalid_input',
      'That answer does not belong to this team poll, so nothing was saved.',
    );
  }
  if (!nudge.poll.options.some((o) => o.id === input.optionId)) {
    throw new ConversationError('invalid_input', 'Please choose one of the answers before sending.');
  }
  const countKey = teamCountKey(nudge.poll.id, delivery);
  const before = await readCounts(deps.store, team.teamId, countKey);
  await recordAnswer(
    deps,
    { userId: who.userId, tenantId: team.tenantId },
    {
      deliveryId: delivery.id,
      nudgeId: nudge.id,
      behaviourId: nudge.behaviour,
      pollId: countKey,
      optionId: input.optionId,
      groupId: team.teamId,
    },
  );
  const after = await readCounts(deps.store, team.teamId, countKey);
  const cardFor = (yourAnswer: string): Reply => teamPollReply(deps, nudge, team, delivery, after, yourAnswer);
  if (delivery.activityId && !sameCard(before, after)) {
    // The shared channel card is written after the invoke is answered: Teams gives up on an invoke
    // after about 10-15 s (msteams-docs#6461), and a slow channel PUT must not cost the person's answer
    // its confirmation. The queue retries it and logs a failure; the next answer writes it again.
    // The channel's card never carries anyone's answer: only counts.
    const to = { ...team.conversation, conversationId: delivery.conversationId ?? team.conversation.conversationId };
    deps.followUps.replaceCard(to, delivery.activityId, cardFor(''));
  }
  // The invoke response goes to the clicking person's device only: it shows them their own choice.
  return cardFor(optionLabel(nudge, input.optionId));
}

const optionLabel = (nudge: Pick<TeamNudge, 'poll'>, optionId: string): string =>
  nudge.poll.options.find((o) => o.id === optionId)?.label ?? '';

const teamPollViewInput = z.object({ teamId: idField, deliveryId: idField });

/**
 * The team card as one person sees it: the team's counts and, when they answered, their own choice.
 * Teams asks for it through the card's `refresh` (no userIds, so nobody's id is in the channel's card;
 * in channels of up to 60 people it refreshes for everyone, beyond that on "refresh"), and the answer
 * goes to that viewer alone. Reads only: nothing is stored, and a non-member is refused.
 */
export async function viewTeamPoll(deps: TeamDeps, who: TeamActor, data: unknown): Promise<Reply> {
  const input = parseCardInput(teamPollViewInput, data);
  const team = await requireTeam(deps, input.teamId);
  assertActsInTeam(who, team);
  const delivery = await requireTeamDelivery(deps, team, input.deliveryId);
  const nudge = postedTeamNudge(deps.content, delivery);
  if (!nudge) throw new ConversationError('not_found', 'I cannot find that team nudge any more.');
  const countKey = teamCountKey(nudge.poll.id, delivery);
  const [counts, mine] = await Promise.all([
    readCounts(deps.store, team.teamId, countKey),
    deps.store.responses.get(who.userId, pollAnswerId(delivery.id)) as Promise<PollAnswerRecord | undefined>,
  ]);
  const yourAnswer = mine && mine.groupId === team.teamId ? optionLabel(nudge, mine.optionId) : '';
  return teamPollReply(deps, nudge, team, delivery, counts, yourAnswer);
}
