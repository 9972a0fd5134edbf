/**
 * The nudge card is one state model: each of its five actions (poll answer, reflection save,
 * feedback, snooze, skip) changes only its own part, so in every order of clicks the card the bot
 * sends back still shows everything else. On the embedded store it runs 30 of the 120 orders, chosen
 * so that every relative order of any four of the five actions, and every action in every position,
 * comes up (the card's rules tie at most three actions together: snooze is refused once the poll is
 * answered, the later of snooze and skip wins, the reflection box follows the answer; all 120 orders
 * took 10 s of CPU for what these 30 show). On Cosmos DB, where what differs is only how the same
 * records are stored, five orders (each action first in one of them); all through the real HTTP edge.
 */
import { VERBS } from '../../src/cards/verbs';
import { cardActionActivity, installActivity, person, startNudgesActivity, type Person } from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { readNudgeCard, replyTo, type NudgeOnCard } from '../support/nudged-person';
import { openTestStore, STORE_KINDS } from '../support/stores';

/** Ordered subsequences of length `t` of `order`, as strings. */
function subsequences<T>(order: readonly T[], t: number): string[] {
  const found: string[] = [];
  const walk = (from: number, picked: T[]): void => {
    if (picked.length === t) found.push(picked.join('>'));
    else for (let i = from; i < order.length; i++) walk(i + 1, [...picked, order[i]!]);
  };
  walk(0, []);
  return found;
}

/** What a set of orders must show: every relative order of any four actions, every action in every place. */
function aspects<T>(order: readonly T[]): string[] {
  return [...subsequences(order, 4), ...order.map((a, i) => `${String(a)}@${i}`)];
}

/** A small set of `orders` showing every aspect any of them shows (greedy: most new aspects first). */
function covering<T>(orders: readonly T[][]): T[][] {
  const missing = new Set(orders.flatMap(aspects));
  const chosen: T[][] = [];
  while (missing.size > 0) {
    let best = orders[0]!;
    let gain = -1;
    for (const o of orders) {
      const g = aspects(o).filter((x) => missing.has(x)).length;
      if (g > gain) [best, gain] = [o, g];
    }
    chosen.push(best);
    for (const x of aspects(best)) missing.delete(x);
  }
  return chosen;
}

type Action = 'poll' | 'reflection' | 'feedback' | 'snooze' | 'skip';
const ACTIONS: readonly Action[] = ['poll', 'reflection', 'feedback', 'snooze', 'skip'];

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

interface Node {
  type?: string;
  id?: string;
  verb?: string;
  title?: string;
  data?: Record<string, unknown>;
}

function nodes(card: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(card)) card.forEach((c) => nodes(c, found));
  else if (card && typeof card === 'object') {
    found.push(card as Node);
    Object.entries(card).forEach(([key, value]) => (key === 'fallback' ? undefined : nodes(value, found)));
  }
  return found;
}

/** Tuesday 1 December 2026, 10:00 in London: the next weekly nudge (Monday 09:00) is days away. */
const NOW = new Date('2026-12-01T10:00:00Z');

describe.each(STORE_KINDS)('the nudge card after every order of its five actions (%s store)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ store: openTestStore(kind), now: () => NOW });
  });
  afterAll(async () => h.close());

  async function nudgeFor(p: Person): Promise<{ nudge: NudgeOnCard; pollLabel: string }> {
    await h.post(installActivity(p, h.connector.url));
    // Started (consent first), with the weekly nudge on Mondays at 09:00.
    await h.post(startNudgesActivity(p, h.connector.url));
    // Start's result is written back over the welcome card after the invoke is answered (a PUT).
    await h.app.followUps.settled();
    const card = cardOf(await replyTo(h, p, 'nudge'));
    const nudge = readNudgeCard(card, p);
    const choices = nodes(card).find((n) => n.id === 'optionId') as { choices: { title: string }[] };
    return { nudge, pollLabel: choices.choices[0]!.title };
  }

  async function act(nudge: NudgeOnCard, action: Action): Promise<Record<string, unknown>> {
    const ids = { deliveryId: nudge.deliveryId, nudgeId: nudge.nudgeId };
    const [verb, data] = {
      poll: [VERBS.pollAnswer, { ...ids, pollId: nudge.pollId, optionId: nudge.optionIds[0], rating: '4' }],
      reflection: [VERBS.reflectionSave, { ...ids, reflection: 'I asked and listened.' }],
      feedback: [VERBS.nudgeFeedback, { ...ids, useful: false }],
      snooze: [VERBS.nudgeSnooze, ids],
      skip: [VERBS.nudgeSkip, ids],
    }[action] as [string, Record<string, unknown>];
    const res = await h.post(cardActionActivity(nudge.person, h.connector.url, verb, data));
    expect(res.status).toBe(200);
    return (res.body as { value: Record<string, unknown> }).value;
  }

  /** Checks every part of the card against the actions done so far (in order). */
  function expectCard(card: Record<string, unknown>, done: Action[], pollLabel: string, context: string): void {
    const text = cardText(card);
    const all = nodes(card);
    const verbs = all.filter((n) => n.type === 'Action.Execute').map((n) => n.verb);
    const has = (id: string) => all.some((n) => n.id === id);
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => (ok ? undefined : problems.push(what));

    check(text.includes('Try this') && verbs.includes(VERBS.coursesSearch), 'the action and ways to grow stay');
    // Poll: the choices until answered, then the answer, rating and "more needed" (under 5 answers).
    if (done.includes('poll')) {
      check(text.includes(`Your answer: **${pollLabel}**`), 'shows the answer');
      check(text.includes('Self-rating: 4 out of 5'), 'shows the rating out of 5');
      // These people are in no practice team: the card says why there are no group results (where a
      // practice counts them it says how many more answers are needed: test/practice/two-practices).
      check(/not in a team that has been set up as a practice's/.test(text), 'says why there are no group results');
      check(!/Results from/.test(text), 'shows no group results');
      check(!has('optionId') && !verbs.includes(VERBS.pollAnswer), 'no second answer form');
    } else {
      check(has('optionId') && verbs.includes(VERBS.pollAnswer), 'the poll is still there');
      check(!text.includes('Your answer:'), 'no empty "Your answer:"');
    }
    // Reflection.
    if (done.includes('reflection')) {
      check(text.includes('I asked and listened.'), 'shows the saved reflection back');
      check(!has('reflection'), 'no second reflection box');
    } else
      // The box (a required input) comes once the poll is answered, so it never blocks "Send answer".
      check(
        has('reflection') === done.includes('poll') && verbs.includes(VERBS.reflectionSave) === done.includes('poll'),
        'the reflection box once answered',
      );
    // Feedback: both buttons always (the person can change their mind); the answer once given.
    check(verbs.filter((v) => v === VERBS.nudgeFeedback).length === 2, 'Yes and No stay');
    check(done.includes('feedback') === text.includes('You said: No'), 'feedback shown exactly when given');
    // Snooze and skip share one line: the later of the two wins; the other stays offered.
    // Snooze on an answered nudge is refused (the card kept, with a note): it changes nothing.
    const effective = done.filter((a, i) => a !== 'snooze' || !done.slice(0, i).includes('poll'));
    const last = [...effective].reverse().find((a) => a === 'snooze' || a === 'skip');
    check(
      last !== 'snooze' || /Snoozed until Wednesday 2 December 2026, 09:00 \(Europe\/London\)/.test(text),
      'snoozed line',
    );
    check(last !== 'skip' || /Skipped: .*Your next nudge: .* 2026, .*\(Europe\/London\)/.test(text), 'skipped line');
    check(last !== undefined || !/Snoozed|Skipped/.test(text), 'no schedule line before snooze or skip');
    check(
      verbs.includes(VERBS.nudgeSnooze) === (last !== 'snooze' && !done.includes('poll')),
      'snooze offered unless snoozed or answered',
    );
    check(verbs.includes(VERBS.nudgeSkip) === (last !== 'skip'), 'skip offered unless skipped');
    expect({ context, problems }).toEqual({ context, problems: [] });
  }

  it('keeps every other part of the card in every order of poll, reflection, feedback, snooze and skip', async () => {
    const all = permutations(ACTIONS);
    expect(all).toHaveLength(120);
    // Orders are grouped by their first action, 24 each: every 24th starts with each action once.
    const orders = kind === 'embedded' ? covering(all) : all.filter((_, i) => i % 24 === 0);
    if (kind === 'embedded') {
      // Every relative order of four actions (5 × 4 × 3 × 2 = 120) and every action in every place (25).
      const shown = new Set(orders.flatMap(aspects));
      expect(shown.size).toBe(120 + 25);
      expect(orders.length).toBeLessThanOrEqual(30);
    }
    for (const [i, order] of orders.entries()) {
      // One organisation per order, so nothing is shared between orders.
      const { nudge, pollLabel } = await nudgeFor(person(3000 + i, `tenant-order-${i}`));
      for (let step = 0; step < order.length; step++) {
        const card = await act(nudge, order[step]!);
        expectCard(card, order.slice(0, step + 1), pollLabel, `${order.join(' → ')} (after ${order[step]})`);
      }
    }
  }, 300_000);
});
