/**
 * Words people type that are not menu commands get a short, friendly answer (never "I did not
 * understand that"), and "pause" behaves as a person expects: a pause ends at their own slot time,
 * and a bare "pause" never silently shortens a longer pause.
 */
import { replyTo } from '../support/nudged-person';
import { messageActivity, person, startNudgesActivity, installActivity, type Person } from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';

/** Monday 7 December 2026, 02:07 in London: the clock time the newcomer typed "pause 2 weeks" at. */
const NOW = new Date('2026-12-07T02:07:00Z');

describe('words the bot knows', () => {
  let h: Harness;
  let n = 9400;
  beforeAll(async () => {
    h = await startHarness({ now: () => NOW });
  });
  afterAll(async () => h.close());

  async function started(): Promise<Person> {
    const p = person(n++);
    await h.post(installActivity(p, h.connector.url));
    await h.post(startNudgesActivity(p, h.connector.url, { day: 'wed', time: '09:30' }));
    await h.app.followUps.settled(); // the confirmation written over the welcome card
    return p;
  }
  async function say(p: Person, text: string): Promise<string> {
    const before = h.connector.sentTo(p.conversationId).length;
    await h.post(messageActivity(p, h.connector.url, text));
    return h.connector
      .sentTo(p.conversationId)
      .slice(before)
      .filter((a) => a.method === 'POST')
      .map((a) => cardText(cardOf(a)))
      .join('\n');
  }
  const userOf = (p: Person) => h.app.store.users.get(p.aadObjectId, p.aadObjectId);

  it.each(['hello', 'Hi!', 'hi there', 'hey'])(
    '"%s" gets a short greeting with the next nudge and "help"',
    async (word) => {
      const text = await say(await started(), word);
      expect(text).not.toMatch(/did not understand/);
      expect(text).toMatch(/^Hello/);
      expect(text).toContain('Your next nudge: Wednesday 9 December 2026, 09:30 (Europe/London).');
      expect(text).toContain('Type "help"');
    },
  );

  it.each(['thanks', 'Thank you.', 'cheers'])(
    '"%s" gets a short reply with the next nudge and "help"',
    async (word) => {
      const text = await say(await started(), word);
      expect(text).toMatch(/^You are welcome/);
      expect(text).toContain('Your next nudge: Wednesday 9 December 2026, 09:30 (Europe/London).');
    },
  );

  it.each(['stop', 'unsubscribe', 'STOP'])(
    '"%s" says what pausing and stopping do, and changes nothing yet',
    async (word) => {
      const p = await started();
      const before = await userOf(p);
      const text = await say(p, word);
      expect(text).toMatch(/^Stop your nudges\?/);
      expect(text).toContain('Nothing has changed yet');
      expect(text).toContain('"pause 4 weeks"');
      expect(text).toContain('"delete my data": I ask you to confirm first');
      const after = await userOf(p);
      expect(after?.pausedUntil).toBeUndefined();
      expect(after?.nextDueAt).toBe(before?.nextDueAt);
    },
  );

  it('"pause 2 weeks" ends at the person\'s slot time, not at the time it was typed', async () => {
    const p = await started();
    const text = await say(p, 'pause 2 weeks');
    expect(text).toContain('No nudges until Monday 21 December 2026, 09:30 (Europe/London).');
    expect(text).toContain('Your next nudge: Wednesday 23 December 2026, 09:30 (Europe/London).');
    expect((await userOf(p))?.pausedUntil).toBe('2026-12-21T09:30:00.000Z');
  });

  it('a bare "pause" during a longer pause changes nothing and says what is current', async () => {
    const p = await started();
    await say(p, 'pause 3 weeks');
    const before = await userOf(p);
    const text = await say(p, 'pause');
    expect(text).toMatch(/^Nudges already paused/);
    expect(text).toContain('paused until Monday 28 December 2026, 09:30 (Europe/London), so I have changed nothing');
    expect(text).toContain('"pause 1 week"');
    expect((await userOf(p))?.pausedUntil).toBe(before?.pausedUntil);
  });

  it('"pause 1 week" during a longer pause changes it and says it replaces the earlier one', async () => {
    const p = await started();
    await say(p, 'pause 3 weeks');
    const text = await say(p, 'pause 1 week');
    expect(text).toContain('No nudges until Monday 14 December 2026, 09:30 (Europe/London).');
    expect(text).toContain('This replaces your earlier pause until Monday 28 December 2026, 09:30 (Europe/London).');
  });
});

describe('course answers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: () => NOW });
  });
  afterAll(async () => h.close());

  it('"courses compassion" is headed with compassion, and every course link has the one label', async () => {
    const p = person(9480);
    await h.post(installActivity(p, h.connector.url));
    await h.post(startNudgesActivity(p, h.connector.url));
    await h.app.followUps.settled();
    const card = cardOf(await replyTo(h, p, 'courses compassion'));
    const text = cardText(card);
    expect(text).toMatch(/Ways to grow: Notice and help each other \(compassion\)/);
    const labels = new Set<string>();
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        const o = x as { type?: string; title?: string };
        if (o.type === 'Action.OpenUrl' && o.title) labels.add(o.title);
        Object.values(x).forEach(walk);
      }
    };
    walk(card);
    expect([...labels]).toEqual(['Learn more']);
  });
});
