import { createCardRenderer, MAX_CARD_BYTES, teamsSizeOf } from '../../src/cards/render';
import { withNudgeState } from '../../src/cards/nudge-card';
import { sampleCardData } from '../../src/cards/sample-data';
import { CARD_NAMES, type AdaptiveCardJson, type CardName } from '../../src/cards/types';
import { ALL_VERBS } from '../../src/cards/verbs';
import { contentForCardTests } from './sample-content';
import { parseWithOfficialParser, walkCard } from './parse-card';

const { content } = contentForCardTests();
const renderer = createCardRenderer();

/**
 * Every card for every nudge and role, rendered once and shared by the checks below. Most templates'
 * data do not depend on the nudge (settings, help, export...): the same data renders the same card,
 * so each distinct data is rendered once (the nudge, courses and team cards still once per nudge and role).
 */
const rendered: { name: CardName; label: string; card: AdaptiveCardJson }[] = [];
const seen = new Set<string>();
for (const nudge of content.nudges) {
  for (const role of content.roles) {
    const data = sampleCardData(content, nudge, role.id);
    for (const name of CARD_NAMES) {
      const key = `${name}\n${JSON.stringify(data[name])}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rendered.push({ name, label: `${name} / ${nudge.id} / ${role.id}`, card: renderer.render(name, data[name]) });
    }
  }
}

/** Every object in a card, depth first: each card is walked once and the checks below reuse the list. */
const objectsOf = new Map<AdaptiveCardJson, Record<string, unknown>[]>();
const eachObject = (card: AdaptiveCardJson, visit: (obj: Record<string, unknown>) => void): void => {
  let objects = objectsOf.get(card);
  if (!objects) {
    const found: Record<string, unknown>[] = [];
    walkCard(card, (o) => found.push(o));
    objectsOf.set(card, (objects = found));
  }
  objects.forEach((o) => visit(o));
};

const problemsOf = (check: (card: AdaptiveCardJson) => string[]): string[] =>
  rendered.flatMap(({ label, card }) => check(card).map((p) => `${label}: ${p}`));

describe('every card template, for every nudge and role', () => {
  it('covers every template', () => {
    expect(new Set(rendered.map((r) => r.name))).toEqual(new Set(CARD_NAMES));
    // Every nudge's own card, for every role whose card differs (at least one per nudge).
    const nudgeLabels = rendered.filter((r) => r.name === 'nudge').map((r) => r.label);
    for (const nudge of content.nudges) expect(nudgeLabels.some((l) => l.includes(` / ${nudge.id} / `))).toBe(true);
    expect(seen.size).toBe(rendered.length);
  });

  it('leaves no ${ binding unexpanded', () => {
    expect(problemsOf((card) => (JSON.stringify(card).includes('${') ? ['unexpanded binding'] : []))).toEqual([]);
  });

  it('passes the official adaptivecards parser and validateProperties() with no errors', () => {
    expect(problemsOf((card) => parseWithOfficialParser(card))).toEqual([]);
  });

  it('serialises under the size limit as Teams measures it (UTF-16)', () => {
    const largest = Math.max(...rendered.map((r) => teamsSizeOf(JSON.stringify(r.card))));
    expect(largest).toBeLessThan(MAX_CARD_BYTES);
  });

  it('is Adaptive Card 1.5', () => {
    expect(problemsOf((card) => (card.version === '1.5' ? [] : [`version ${card.version}`]))).toEqual([]);
  });
});

describe('accessibility of every card', () => {
  const check = (visit: (obj: Record<string, unknown>) => string | undefined) =>
    problemsOf((card) => {
      const found: string[] = [];
      eachObject(card, (obj) => {
        const p = visit(obj);
        if (p) found.push(p);
      });
      return found;
    });

  it('wraps every TextBlock', () => {
    expect(
      check((o) => (o.type === 'TextBlock' && o.wrap !== true ? `TextBlock "${String(o.text)}"` : undefined)),
    ).toEqual([]);
  });

  it('labels every input, and gives required inputs an error message', () => {
    const problems = check((o) => {
      if (typeof o.type !== 'string' || !o.type.startsWith('Input.')) return undefined;
      if (typeof o.label !== 'string' || o.label.trim() === '') return `${o.type} ${String(o.id)} has no label`;
      if (o.isRequired === true && typeof o.errorMessage !== 'string') return `${String(o.id)} has no errorMessage`;
      return undefined;
    });
    expect(problems).toEqual([]);
  });

  it('gives every image alt text', () => {
    expect(check((o) => (o.type === 'Image' && !o.altText ? `Image ${String(o.url)}` : undefined))).toEqual([]);
  });
});

describe('card actions', () => {
  const actions = (type: string) => {
    const found: Record<string, unknown>[] = [];
    for (const { card } of rendered) eachObject(card, (o) => (o.type === type ? found.push(o) : undefined));
    return found;
  };

  it('uses only verbs declared in src/cards/verbs.ts', () => {
    const verbs = new Set(actions('Action.Execute').map((a) => a.verb));
    for (const verb of verbs) expect(ALL_VERBS).toContain(verb);
  });

  it('gives every Action.Execute an Action.Submit fallback with the same data and the verb', () => {
    for (const action of actions('Action.Execute')) {
      expect(action.fallback).toEqual(
        expect.objectContaining({
          type: 'Action.Submit',
          title: action.title,
          data: { ...(action.data as object), verb: action.verb },
        }),
      );
    }
  });

  it('offers no free time picker: a time is chosen from the times that are saved (a picker showed 7:30 PM and saved 19:00)', () => {
    const pickers: string[] = [];
    for (const { label, card } of rendered)
      eachObject(card, (o) => (o.type === 'Input.Time' ? pickers.push(label) : undefined));
    expect(pickers).toEqual([]);
  });

  it('links only to https addresses', () => {
    for (const action of actions('Action.OpenUrl')) expect(String(action.url)).toMatch(/^https:\/\//);
  });

  it('gives every chart a fallback, because clients without charts drop it', () => {
    const charts: Record<string, unknown>[] = [];
    for (const { card } of rendered)
      eachObject(card, (o) => (String(o.type).startsWith('Chart.') ? charts.push(o) : undefined));
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) expect(chart.fallback).toEqual(expect.objectContaining({ type: expect.any(String) }));
  });
});

describe('the nudge card', () => {
  const nudgeCards = rendered.filter((r) => r.name === 'nudge');

  /** Each nudge's card once the poll is answered (the reflection box appears then), for the first role. */
  const answeredCards = content.nudges.map((nudge) => {
    const data = sampleCardData(content, nudge, content.roles[0]!.id).nudge;
    const state = withNudgeState(data, nudge.poll, {
      answer: { optionId: nudge.poll.options[0]!.id, counts: {} },
      reflectionSaved: false,
      scheduleText: '',
      canSnooze: false,
      canSkip: true,
      groupName: 'your organisation',
    });
    return renderer.render('nudge', state);
  });
  const verbsOf = (card: AdaptiveCardJson) => {
    const verbs: string[] = [];
    eachObject(card, (o) => (o.type === 'Action.Execute' ? verbs.push(String(o.verb)) : undefined));
    return new Set(verbs);
  };
  const requiredIn = (card: AdaptiveCardJson) => {
    const found: Record<string, unknown>[] = [];
    eachObject(card, (o) => (String(o.type).startsWith('Input.') && o.isRequired === true ? found.push(o) : undefined));
    return found;
  };

  it('offers every button the issue asks for, carrying the delivery and nudge ids (Reflect once answered)', () => {
    for (const { card } of nudgeCards) {
      expect(verbsOf(card)).toEqual(
        new Set(['poll.answer', 'nudge.snooze', 'nudge.skip', 'nudge.feedback', 'courses.search']),
      );
    }
    for (const card of answeredCards) {
      expect(verbsOf(card)).toEqual(new Set(['reflection.save', 'nudge.skip', 'nudge.feedback', 'courses.search']));
    }
  });

  it('requires one input at a time on the card itself: the poll choice, then the reflection', () => {
    // Adaptive Cards check every input on the card for an Action.Execute (associatedInputs "auto"):
    // two required inputs would each block the other's button.
    for (const { card } of nudgeCards) {
      expect(requiredIn(card)).toEqual([
        expect.objectContaining({ id: 'optionId', errorMessage: 'Choose an answer first.' }),
      ]);
    }
    for (const card of answeredCards) {
      expect(requiredIn(card)).toEqual([
        expect.objectContaining({ id: 'reflection', errorMessage: 'Write a few words first.' }),
      ]);
    }
  });

  it('bounds the reflection box to 2,000 characters and warns against identifiable details', () => {
    for (const card of answeredCards) {
      const json = JSON.stringify(card);
      expect(json).toContain('do not include patient- or colleague-identifiable details');
      const inputs: Record<string, unknown>[] = [];
      eachObject(card, (o) => (o.id === 'reflection' ? inputs.push(o) : undefined));
      expect(inputs).toEqual([expect.objectContaining({ type: 'Input.Text', isMultiline: true, maxLength: 2000 })]);
    }
  });

  it('passes the official parser once answered too', () => {
    expect(answeredCards.flatMap((card) => parseWithOfficialParser(card))).toEqual([]);
  });
});

describe('text in every card', () => {
  it('is a non-empty string in every TextBlock (the parser drops numbers and empty text)', () => {
    const problems = problemsOf((card) => {
      const found: string[] = [];
      eachObject(card, (o) => {
        if (o.type === 'TextBlock' && (typeof o.text !== 'string' || o.text.trim() === ''))
          found.push(JSON.stringify(o));
      });
      return found;
    });
    expect(problems).toEqual([]);
  });
});

describe('the content the card tests use', () => {
  it('is the shipped content whenever it loads (sample content only while it is being written)', () => {
    const { source } = contentForCardTests();
    if (source === 'sample') console.warn('Card tests ran on sample content: the shipped content did not load.');
    expect(content.nudges.length).toBeGreaterThan(0);
  });
});
