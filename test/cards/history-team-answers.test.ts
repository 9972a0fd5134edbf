import { historyCardData } from '../../src/cards';
import { loadContent } from '../../src/content/load';
import type { PollAnswerRecord } from '../../src/domain';

describe('the history card', () => {
  it('names team poll questions a person answered in a channel', () => {
    const content = loadContent();
    const team = content.teamNudges![0]!;
    const answer: PollAnswerRecord = {
      id: 'poll|t1|2026-W48',
      kind: 'poll',
      userId: 'u1',
      tenantId: 't',
      groupId: 'team-1',
      deliveryId: 'team-1|2026-W48',
      nudgeId: team.id,
      behaviourId: team.behaviour,
      pollId: team.poll.id,
      optionId: team.poll.options[1]!.id,
      answeredAt: '2026-11-26T10:00:00.000Z',
    };
    const data = historyCardData({ reflections: [], answers: [answer] }, content, { timeZone: 'Europe/London' });
    expect(data.answers).toEqual([
      { dateText: 'Thu 26 Nov 2026', question: team.poll.question, answer: team.poll.options[1]!.label },
    ]);
  });
});
