import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isConflict, isPreconditionFailed } from '../store/errors';
import type { Versioned } from '../store/port';
import type { PollAnswerRecord, PollVoteRecord, UserRecord } from '../domain';
import { idField, parseCardInput } from './card-input';
import type { ConversationDeps, Reply } from './deps';
import { ConversationError } from './errors';
import { nudgeStateReply, pollAnswerId, requireOwnDelivery } from './nudge-state';
import { findNudge } from './nudge-view';
import { applyCountChange } from './running-counts';
import { claimFirstCount } from './counted-marker';
import { requireUser, updateUser } from './users';
import { retentionSeconds } from './retention';
import { countingGroupsOf } from '../practice/practice-groups';

const pollAnswerInput = z.object({
  deliveryId: idField,
  nudgeId: idField,
  pollId: idField.optional(),
  // Optional here so that "Send answer" with nothing chosen gets its own plain note (below).
  optionId: z.string().max(100).optional(),
  rating: z.union([z.literal(''), z.enum(['1', '2', '3', '4', '5']), z.number().int().min(1).max(5)]).optional(),
});

/**
 * Stores a person's poll answer once per delivered nudge (answering again changes it and moves
 * their count, never double counts) and returns the answered card with the group's results.
 */
export async function answerPoll(deps: ConversationDeps, userId: string, data: unknown): Promise<Reply> {
  const input = parseCardInput(pollAnswerInput, data);
  const user = await requireUser(deps, userId);
  const delivery = await requireOwnDelivery(deps, userId, input.deliveryId, input.nudgeId);
  const nudge = findNudge(deps, delivery.nudgeId);
  if (input.pollId !== undefined && input.pollId !== nudge.poll.id) {
    throw new ConversationError('invalid_input', 'That answer does not belong to this poll, so nothing was saved.');
  }
  const optionId = input.optionId;
  if (optionId === undefined || !nudge.poll.options.some((o) => o.id === optionId)) {
    throw new ConversationError(
      'invalid_input',
      'Choose an answer first, then select "Send answer". Nothing was saved.',
    );
  }
  const rating = input.rating === undefined || input.rating === '' ? undefined : Number(input.rating);
  // Counted in each practice the person belongs to (as one of its distinct people), never per tenant.
  const groups = await countingGroupsOf(deps.store, user.tenantId, user.userId);
  await recordAnswer(
    deps,
    user,
    {
      deliveryId: delivery.id,
      nudgeId: nudge.id,
      behaviourId: nudge.behaviour,
      pollId: nudge.poll.id,
      optionId,
      rating,
      groupId: groups[0]?.groupId ?? NO_GROUP,
    },
    groups.map((g) => g.groupId),
  );
  if (rating !== undefined) await markRated(deps, user);
  return nudgeStateReply(
    deps,
    user,
    delivery,
    'Thank you for answering. You can now write a reflection: select "Reflect".',
  );
}

/**
 * Notes that the person rated themselves, so the weekly engine reads their ratings when choosing a
 * nudge (it skips that query for people who never rate). Written at most once a day.
 */
async function markRated(deps: ConversationDeps, user: UserRecord): Promise<void> {
  const now = deps.now();
  if (user.ratedAt && now.getTime() - Date.parse(user.ratedAt) < 86_400_000) return;
  await updateUser(deps, user.userId, (u) => ({ ...u, ratedAt: now.toISOString() }));
}

/** What one poll answer carries: the answer record's own fields, before it is stored. */
type AnswerInput = Pick<
  PollAnswerRecord,
  'deliveryId' | 'nudgeId' | 'behaviourId' | 'pollId' | 'optionId' | 'rating' | 'groupId'
>;

const CONFLICT_MESSAGE = 'Your answer could not be saved because of a conflict. Please try again.';
const isWriteRace = (e: unknown): boolean => isPreconditionFailed(e) || isConflict(e);

const ttl = (deps: ConversationDeps): number => retentionSeconds(deps.config);

/** The answer record's group for someone in no practice team: their answer is counted in no group. */
export const NO_GROUP = 'none';

/** The id of a person's one vote in a group's poll (in their own partition, deleted with their data). */
export const pollVoteId = (groupId: string, pollId: string): string => `vote|${groupId}|${pollId}`;

/**
 * Finishes a running-count change that an earlier attempt wrote to the vote but may not have applied
 * (a crash, a lost connection). Safe to call again: counts are idempotent by operation id.
 */
async function settleVote(deps: ConversationDeps, vote: Versioned<PollVoteRecord>): Promise<Versioned<PollVoteRecord>> {
  if (!vote.pendingOp) return vote;
  const { etag, ...doc } = vote;
  // The person's first count in this poll: claim their one place first. Someone counted before they
  // erased their data keeps the vote for themselves but never moves the count again.
  if (
    vote.countedOptionId === undefined &&
    !(await claimFirstCount(deps, { ...vote, opId: vote.pendingOp }, ttl(deps)))
  ) {
    return deps.store.responses.replace({ ...doc, uncounted: true, pendingOp: undefined }, etag) as Promise<
      Versioned<PollVoteRecord>
    >;
  }
  await applyCountChange(
    deps.store,
    {
      groupId: vote.groupId,
      tenantId: vote.tenantId,
      pollId: vote.pollId,
      behaviourId: vote.behaviourId,
      from:
        vote.countedOptionId === undefined ? undefined : { optionId: vote.countedOptionId, rating: vote.countedRating },
      to: { optionId: vote.optionId, rating: vote.rating },
      opId: vote.pendingOp,
    },
    deps.now().toISOString(),
    { publishStep: deps.config.minGroupSize, ttlSeconds: ttl(deps) },
  );
  return deps.store.responses.replace(
    { ...doc, countedOptionId: vote.optionId, countedRating: vote.rating, pendingOp: undefined },
    etag,
  ) as Promise<Versioned<PollVoteRecord>>;
}

/**
 * Makes the person's one vote in the group's poll their latest answer and moves the running count by
 * their own vote only: however often they answer (the same nudge sent again, several deliveries, a
 * changed answer), they count once.
 */
async function recordVote(
  deps: ConversationDeps,
  user: Pick<UserRecord, 'userId' | 'tenantId'>,
  input: AnswerInput,
): Promise<void> {
  const id = pollVoteId(input.groupId, input.pollId);
  for (let attempt = 0; attempt < 5; attempt++) {
    let existing = (await deps.store.responses.get(user.userId, id)) as Versioned<PollVoteRecord> | undefined;
    if (existing?.pendingOp) existing = await settleVote(deps, existing);
    if (existing && existing.optionId === input.optionId && existing.rating === input.rating) return;
    const unchangedCount =
      existing?.uncounted === true ||
      (existing?.countedOptionId === input.optionId && existing.countedRating === input.rating);
    const next: PollVoteRecord = {
      id,
      kind: 'vote',
      userId: user.userId,
      tenantId: user.tenantId,
      groupId: input.groupId,
      pollId: input.pollId,
      behaviourId: input.behaviourId,
      optionId: input.optionId,
      rating: input.rating,
      countedOptionId: existing?.countedOptionId,
      countedRating: existing?.countedRating,
      ...(existing?.uncounted ? { uncounted: true } : {}),
      // A random id: the running count remembers it (to count a retry once) and it must not name the person.
      pendingOp: unchangedCount ? undefined : randomUUID(),
      updatedAt: deps.now().toISOString(),
      ttl: retentionSeconds(deps.config),
    };
    try {
      const written = (
        existing ? await deps.store.responses.replace(next, existing.etag) : await deps.store.responses.create(next)
      ) as Versioned<PollVoteRecord>;
      await settleVote(deps, written);
      return;
    } catch (e) {
      if (isWriteRace(e)) continue;
      throw e;
    }
  }
  throw new ConversationError('store_unavailable', CONFLICT_MESSAGE);
}

/**
 * Records a poll answer: first the person's one vote in each group count it counts in (see
 * recordVote; `countIn` defaults to the answer's own group), then the answer to this delivered nudge
 * (their history and insights' own records). A crash between the two leaves the votes counted;
 * answering again writes the answer and counts nothing twice. An empty `countIn` counts nowhere.
 */
export async function recordAnswer(
  deps: ConversationDeps,
  user: Pick<UserRecord, 'userId' | 'tenantId'>,
  input: AnswerInput,
  countIn: readonly string[] = [input.groupId],
): Promise<PollAnswerRecord> {
  for (const groupId of countIn) await recordVote(deps, user, { ...input, groupId });
  const id = pollAnswerId(input.deliveryId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = (await deps.store.responses.get(user.userId, id)) as Versioned<PollAnswerRecord> | undefined;
    if (existing && existing.optionId === input.optionId && existing.rating === input.rating) return existing;
    const next: PollAnswerRecord = {
      id,
      kind: 'poll',
      userId: user.userId,
      tenantId: user.tenantId,
      groupId: input.groupId,
      deliveryId: input.deliveryId,
      nudgeId: input.nudgeId,
      behaviourId: input.behaviourId,
      pollId: input.pollId,
      optionId: input.optionId,
      rating: input.rating,
      answeredAt: deps.now().toISOString(),
      version: (existing?.version ?? 0) + 1,
      ttl: retentionSeconds(deps.config),
    };
    try {
      return (
        existing ? await deps.store.responses.replace(next, existing.etag) : await deps.store.responses.create(next)
      ) as Versioned<PollAnswerRecord>;
    } catch (e) {
      if (isWriteRace(e)) continue;
      throw e;
    }
  }
  throw new ConversationError('store_unavailable', CONFLICT_MESSAGE);
}
