import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isPreconditionFailed } from '../store/errors';
import type { Versioned } from '../store/port';
import type { PollAnswerRecord, UserRecord } from '../domain';
import { idField, parseCardInput } from './card-input';
import type { ConversationDeps, Reply } from './deps';
import { ConversationError } from './errors';
import { nudgeStateReply, pollAnswerId, requireOwnDelivery } from './nudge-state';
import { findNudge } from './nudge-view';
import { applyCountChange } from './running-counts';
import { requireUser, updateUser } from './users';

const pollAnswerInput = z.object({
  deliveryId: idField,
  nudgeId: idField,
  pollId: idField.optional(),
  optionId: z.string().min(1).max(100),
  rating: z.union([z.literal(''), z.enum(['1', '2', '3', '4', '5']), z.number().int().min(1).max(5)]).optional(),
});

/**
 * Finishes a running-count change that an earlier attempt wrote to the answer but may not have
 * applied (a crash, a lost connection). Safe to call again: counts are idempotent by operation id.
 */
async function settlePending(
  deps: ConversationDeps,
  answer: Versioned<PollAnswerRecord>,
): Promise<Versioned<PollAnswerRecord>> {
  if (!answer.pendingOp) return answer;
  await applyCountChange(
    deps.store,
    {
      groupId: answer.groupId,
      tenantId: answer.tenantId,
      pollId: answer.pollId,
      behaviourId: answer.behaviourId,
      from: answer.countedOptionId,
      to: answer.optionId,
      opId: answer.pendingOp,
    },
    deps.now().toISOString(),
  );
  const { etag, ...doc } = answer;
  return deps.store.responses.replace(
    { ...doc, countedOptionId: answer.optionId, pendingOp: undefined },
    etag,
  ) as Promise<Versioned<PollAnswerRecord>>;
}

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
  if (!nudge.poll.options.some((o) => o.id === input.optionId)) {
    throw new ConversationError('invalid_input', 'Please choose one of the answers before sending.');
  }
  const rating = input.rating === undefined || input.rating === '' ? undefined : Number(input.rating);
  await recordAnswer(deps, user, {
    deliveryId: delivery.id,
    nudgeId: nudge.id,
    behaviourId: nudge.behaviour,
    pollId: nudge.poll.id,
    optionId: input.optionId,
    rating,
    groupId: user.tenantId,
  });
  if (rating !== undefined) await markRated(deps, user);
  return nudgeStateReply(deps, user, delivery, 'Thank you for answering.');
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

interface AnswerInput {
  deliveryId: string;
  nudgeId: string;
  behaviourId: string;
  pollId: string;
  optionId: string;
  rating?: number;
  groupId: string;
}

/** Writes the answer and moves the running count, in an order that survives a crash at any step. */
export async function recordAnswer(
  deps: ConversationDeps,
  user: Pick<UserRecord, 'userId' | 'tenantId'>,
  input: AnswerInput,
): Promise<PollAnswerRecord> {
  const id = pollAnswerId(input.deliveryId);
  for (let attempt = 0; attempt < 5; attempt++) {
    let existing = (await deps.store.responses.get(user.userId, id)) as Versioned<PollAnswerRecord> | undefined;
    if (existing?.pendingOp) existing = await settlePending(deps, existing);
    if (existing && existing.optionId === input.optionId && existing.rating === input.rating) return existing;
    const version = (existing?.version ?? 0) + 1;
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
      countedOptionId: existing?.countedOptionId,
      // A random id: the running count remembers it (to count a retry once) and it must not name the person.
      pendingOp: existing?.countedOptionId === input.optionId ? undefined : randomUUID(),
      version,
      ttl: deps.config.retentionDays * 86400,
    };
    let written: Versioned<PollAnswerRecord>;
    try {
      written = (
        existing ? await deps.store.responses.replace(next, existing.etag) : await deps.store.responses.create(next)
      ) as Versioned<PollAnswerRecord>;
    } catch (e) {
      if (isPreconditionFailed(e) || (e as { code?: string }).code === 'conflict') continue;
      throw e;
    }
    return settlePending(deps, written);
  }
  throw new ConversationError(
    'store_unavailable',
    'Your answer could not be saved because of a conflict. Please try again.',
  );
}
