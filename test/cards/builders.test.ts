import { historyCardData } from '../../src/cards/history-card';
import { insightFigure } from '../../src/cards/insights-figure';
import { nudgeCardData, withNudgeState } from '../../src/cards/nudge-card';
import { pollResultsView } from '../../src/cards/poll-results';
import { createCardRenderer } from '../../src/cards/render';
import { SAMPLE_CONTENT } from '../../src/cards/sample-content';
import { walkCard } from './parse-card';
import type { PollAnswerRecord, ReflectionRecord } from '../../src/domain';

const nudge = SAMPLE_CONTENT.nudges[0]!;
const behaviour = SAMPLE_CONTENT.behaviours.find((b) => b.id === nudge.behaviour)!;
const renderer = createCardRenderer();

describe('poll results', () => {
  it('shows no counts at 4 answers and says how many more are needed', () => {
    const view = pollResultsView(nudge.poll, { never: 2, once: 1, often: 1 });
    expect(view).toMatchObject({ showResults: false, moreNeeded: 1, results: [] });
  });

  it('shows counts and percentages from 5 answers, marking the person’s own answer in words', () => {
    const view = pollResultsView(nudge.poll, { never: 2, once: 2, often: 1 }, { mineOptionId: 'once' });
    expect(view.showResults).toBe(true);
    expect(view.results.map((r) => [r.label, r.count, r.percent, r.mine])).toEqual([
      ['Never', 2, 40, ''],
      ['Once', 2, 40, ' (yours)'],
      ['Often', 1, 20, ''],
    ]);
  });

  it('never lowers the threshold below 5', () => {
    expect(pollResultsView(nudge.poll, { never: 3 }, { minAnswers: 2 })).toMatchObject({
      showResults: false,
      minAnswers: 5,
    });
  });

  it('renders "N more needed" in the answered card below the threshold, with no counts', () => {
    const base = nudgeCardData(nudge, behaviour, [], 'u|2026-W48');
    const data = withNudgeState(base, nudge.poll, {
      answer: { optionId: 'never', counts: { never: 3, once: 1 } },
      reflectionSaved: false,
      scheduleText: '',
      canSnooze: true,
      canSkip: true,
      groupName: 'your practice',
    });
    const json = JSON.stringify(renderer.render('nudge', data));
    expect(json).toContain('Results appear when 5 people have answered (1 more needed)');
    expect(json).not.toContain('Results from');
  });
});

describe('nudgeCardData', () => {
  it('carries the delivery, nudge and poll ids to every button and keeps at most 3 courses', () => {
    const course = {
      id: 'c',
      title: 'C',
      provider: 'P',
      url: 'https://example.org',
      statusLabel: '',
      facts: 'Online',
      why: 'Matches',
      description: '',
      nextStep: '',
      eligibility: 'Anyone',
      linkTitle: 'View course',
    };
    const data = nudgeCardData(nudge, behaviour, [course, course, course, course], 'user-1|2026-W48');
    expect(data).toMatchObject({ deliveryId: 'user-1|2026-W48', nudgeId: nudge.id, pollId: nudge.poll.id });
    expect(data.courses).toHaveLength(3);
    const card = renderer.render('nudge', data);
    const actions: Record<string, unknown>[] = [];
    walkCard(card, (o) => (o.type === 'Action.Execute' && o.verb === 'poll.answer' ? actions.push(o) : undefined));
    expect(actions.map((a) => a.data)).toStrictEqual([
      { deliveryId: 'user-1|2026-W48', nudgeId: nudge.id, pollId: nudge.poll.id, behaviourId: nudge.behaviour },
    ]);
  });
});

describe('historyCardData', () => {
  const base = { userId: 'u', tenantId: 't', deliveryId: 'd', nudgeId: nudge.id, behaviourId: nudge.behaviour };
  const answer = (at: string, rating: number): PollAnswerRecord => ({
    ...base,
    id: `poll|${at}`,
    kind: 'poll',
    groupId: 't',
    pollId: nudge.poll.id,
    optionId: 'once',
    rating,
    answeredAt: at,
  });
  const reflection: ReflectionRecord = {
    ...base,
    id: 'refl|d',
    kind: 'reflection',
    text: '**me** [x](https://evil)',
    savedAt: '2026-11-30T10:00:00Z',
  };

  it('escapes reflections, dates them in the person’s time zone and shows the rating trend oldest to newest', () => {
    const data = historyCardData(
      { reflections: [reflection], answers: [answer('2026-11-23T09:00:00Z', 2), answer('2026-11-30T09:00:00Z', 4)] },
      SAMPLE_CONTENT,
      { timeZone: 'Europe/London' },
    );
    expect(data.reflections[0]).toMatchObject({
      dateText: 'Mon 30 Nov 2026',
      text: '\\*\\*me\\*\\* \\[x\\]\\(https://evil\\)',
    });
    expect(data.answers.map((a) => a.answer)).toEqual(['Once', 'Once']);
    expect(data.trends).toEqual([{ behaviourTitle: behaviour.title, ratings: '2 → 4 (out of 5)', trend: 'Rising' }]);
    const card = JSON.stringify(renderer.render('history', data));
    expect(card).not.toContain('[x](https://evil)');
    // The zone the dates are in, once; no "revalidation" promise to staff who have none.
    expect(card).toContain('Dates are in Europe/London.');
    expect(card).not.toMatch(/revalidation/);
  });
});

describe('insightFigure', () => {
  it('hides figures about groups under the minimum', () => {
    expect(insightFigure(3, 4)).toBe('fewer than 5');
    expect(insightFigure('41%', 5)).toBe('41%');
    expect(insightFigure(12, 6, 8)).toBe('fewer than 8');
    expect(insightFigure(12, 4, 2)).toBe('fewer than 5');
  });
});
