import { createCardRenderer, MAX_CARD_BYTES, portfolioEditCardData, type EntryEdit } from '../../src/cards';
import { PORTFOLIO_KINDS } from '../../src/domain';
import { templateFor, type EntryFacts } from '../../src/portfolio';
import { MAX_PORTFOLIO_ENTRIES } from '../../src/conversation/portfolio-facts';

const renderer = createCardRenderer();

const facts = (i: number): EntryFacts => ({
  reflectionId: `refl|user|2026-W4${i}`,
  deliveryId: `user|2026-W4${i}`,
  nudgeId: 'n',
  behaviourId: 'compassion',
  dateText: 'Wednesday 30 December 2026',
  behaviourTitle: 'Value difference, act on fairness',
  nudgeTitle: 'A nudge title of a typical length for the catalogue here',
  action: '',
  reflectionPrompt: '',
  reflectionText: '',
  pollQuestion: '',
  pollAnswer: '',
  ratingTrend: '',
  courses: [],
  minutes: 0,
});

describe('the portfolio editing card', () => {
  it.each(PORTFOLIO_KINDS)('stays within Teams\u2019 size limit with every answer at its longest (%s)', (kind) => {
    const t = templateFor(kind);
    // Quotes and line breaks take two characters each once serialised: the worst text there is.
    const filler = (n: number) => '"\n'.repeat(Math.ceil(n / 2)).slice(0, n);
    const edits: EntryEdit[] = Array.from({ length: MAX_PORTFOLIO_ENTRIES }, () => ({
      sections: Object.fromEntries(t.sections.map((s) => [s.id, filler(s.maxLength)])),
      choice: t.choice ? t.choice.options.map((o) => o.value) : [],
      minutes: 600,
      course: 'none',
      courseMinutes: 600,
    }));
    const card = renderer.render(
      'portfolio-edit',
      portfolioEditCardData({
        template: t,
        facts: edits.map((_, i) => facts(i)),
        edits,
        courseChoices: () =>
          Array.from({ length: 6 }, (_, i) => ({
            title: `A course title of sixty characters or so, number ${i}`,
            value: `c-${i}`,
          })),
        warnings: Array.from(
          { length: 13 },
          () =>
            'Reflective account 1, "How is this relevant to the Code?": "Mrs Patel" looks like a name with a title.',
        ),
      }),
    );
    expect(JSON.stringify(card).length * 2).toBeLessThan(MAX_CARD_BYTES);
  });

  it('keeps a "${" a person typed literal in an input, and gives it back unchanged', () => {
    const t = templateFor('appraisal');
    const typed = 'Cost was ${price} and **bold**';
    const card = renderer.render(
      'portfolio-edit',
      portfolioEditCardData({
        template: t,
        facts: [facts(0)],
        edits: [{ sections: { did: typed }, choice: [], minutes: 0, course: 'none', courseMinutes: 0 }],
        courseChoices: () => [],
        warnings: [],
      }),
    );
    const json = JSON.stringify(card);
    expect(json).not.toContain('${');
    expect(json).toContain('**bold**'); // inputs show text as typed: no markdown escaping
  });
});
