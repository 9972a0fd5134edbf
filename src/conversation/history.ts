import { historyCardData } from '../cards';
import type { PollAnswerRecord, ReflectionRecord } from '../domain';
import type { ConversationDeps, Reply } from './deps';
import { requireUser } from './users';

const SHOWN = 10;

/** The person's recent reflections and poll answers, and their self-rating trend per behaviour. */
export async function historyReply(deps: ConversationDeps, userId: string): Promise<Reply> {
  const user = await requireUser(deps, userId);
  const [reflections, answers] = await Promise.all([
    deps.store.responses.query({
      partitionKey: userId,
      where: [{ field: 'kind', op: '=', value: 'reflection' }],
      orderBy: [{ field: 'savedAt', dir: 'desc' }],
      limit: SHOWN,
    }) as Promise<ReflectionRecord[]>,
    deps.store.responses.query({
      partitionKey: userId,
      where: [{ field: 'kind', op: '=', value: 'poll' }],
      orderBy: [{ field: 'answeredAt', dir: 'desc' }],
      limit: 60,
    }) as Promise<PollAnswerRecord[]>,
  ]);
  return {
    summary: 'Your history',
    card: deps.renderCard('history', historyCardData({ reflections, answers }, deps.content, user.prefs, SHOWN)),
  };
}
