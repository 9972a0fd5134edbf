import { firstReply } from '../support/connector-double';
import { defaultSlotTime } from '../../src/conversation/default-slot';
import { VERBS } from '../../src/cards/verbs';
import type { Versioned } from '../../src/store/port';
import { practiceGroupId, type AggregateRecord, type DeliveryRecord, type UserRecord } from '../../src/domain';
import { seedPractice } from '../practice/seed-practice';
import { cardActionActivity, installActivity, messageActivity, person, type Person } from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { openTestStore, STORE_KINDS } from '../support/stores';

interface InvokeBody {
  statusCode: number;
  type: string;
  value: Record<string, unknown>;
}

describe.each(STORE_KINDS)('personal chat on the %s store', (kind) => {
  let h: Harness;
  const alice = person(101);
  let practiceId = '';

  beforeAll(async () => {
    h = await startHarness({ store: openTestStore(kind) });
    await h.post(installActivity(alice, h.connector.url));
    // Alice and the people of the poll tests work in one practice (after Alice met the bot, so she keeps the plain defaults): poll results are counted per practice.
    practiceId = await seedPractice(h.app.store, {
      tenantId: alice.tenantId,
      teamId: '19:team-practice@thread.tacv2',
      name: 'Riverside Surgery',
      leadId: alice.aadObjectId,
      members: [101, 103, 201, 202, 203, 204, 205].map((n) => person(n).aadObjectId),
    });
  });
  afterAll(async () => {
    await h.close();
  });

  /** Sends a message and returns the text of the card(s) the bot replied with. */
  async function say(p: Person, text: string): Promise<string> {
    const before = h.connector.activities.length;
    const res = await h.post(messageActivity(p, h.connector.url, text));
    expect(res.status).toBe(200);
    const replies = h.connector.activities.slice(before).filter((a) => a.conversationId === p.conversationId);
    expect(replies.length).toBeGreaterThan(0);
    return replies.map((r) => cardText(cardOf(r))).join('\n---\n');
  }

  /** Runs a card action and returns the card in the invoke response (always HTTP 200). */
  async function act(
    p: Person,
    verb: unknown,
    data: unknown,
  ): Promise<{ card: Record<string, unknown>; text: string }> {
    const res = await h.post(cardActionActivity(p, h.connector.url, verb, data));
    expect(res.status).toBe(200);
    await h.app.followUps.settled(); // the card update and follow-up go out after the response
    const body = res.body as InvokeBody;
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    return { card: body.value, text: cardText(body.value) };
  }

  const user = (p: Person) =>
    h.app.store.users.get(p.aadObjectId, p.aadObjectId) as Promise<Versioned<UserRecord> | undefined>;
  const responsesOf = (p: Person) => h.app.store.responses.query({ partitionKey: p.aadObjectId });

  /** Asks for a nudge and returns its delivery, as stored. */
  async function nudgeFor(p: Person): Promise<DeliveryRecord> {
    const text = await say(p, 'nudge');
    expect(text).toMatch(/Try this/i);
    const deliveries = await h.app.store.deliveries.query({ partitionKey: p.aadObjectId });
    const latest = deliveries.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    if (!latest) throw new Error('no delivery stored');
    return latest;
  }

  /** Stores a delivery of a given nudge as the weekly engine would have sent it. */
  async function seedDelivery(p: Person, nudgeId: string): Promise<DeliveryRecord> {
    const nudge = h.app.deps.content.nudges.find((n) => n.id === nudgeId);
    if (!nudge) throw new Error(nudgeId);
    const now = h.now().toISOString();
    const d: DeliveryRecord = {
      id: `${p.aadObjectId}|2026-W48`,
      ownerId: p.aadObjectId,
      ownerKind: 'user',
      tenantId: p.tenantId,
      period: '2026-W48',
      kind: 'scheduled',
      nudgeId,
      behaviourId: nudge.behaviour,
      state: 'sent',
      attempts: 1,
      dueAt: now,
      createdAt: now,
      updatedAt: now,
      sentAt: now,
      activityId: 'act-seeded',
    };
    await h.app.store.deliveries.create(d);
    return d;
  }

  describe('commands', () => {
    it('accepts commands in any case and with surrounding punctuation', async () => {
      expect(await say(alice, '  Help!  ')).toMatch(/delete my data/);
    });

    it('"settings" shows the settings card filled with the current values', async () => {
      const text = await say(alice, 'settings');
      expect(text).toMatch(/Europe\/London/);
      // The default Monday slot: 09:00 plus a minute from the person's id (spread over the hour).
      expect(text).toContain(defaultSlotTime(alice.aadObjectId));
    });

    it('"nudge" sends a nudge now and records the sent activity id', async () => {
      const d = await nudgeFor(alice);
      expect(d).toMatchObject({ kind: 'adhoc', state: 'sent', ownerId: alice.aadObjectId });
      expect(d.activityId).toMatch(/^act-/);
      const u = await user(alice);
      expect(u?.history.seen).toContain(d.nudgeId);
    });

    it('"courses" suggests up to five, each saying why', async () => {
      const text = await say(alice, 'courses');
      const links = text.match(/^Learn more$/gm) ?? [];
      expect(links.length).toBeGreaterThanOrEqual(1);
      expect(links.length).toBeLessThanOrEqual(5);
      expect(text).toMatch(/^Why this: (made for|open to) .*within the time you have/m); // each result says why
      expect(text).toMatch(/^Who can join: /m);
    });

    it('"courses compassion" suggests courses for that behaviour', async () => {
      const text = await say(alice, 'courses compassion');
      expect(text).toMatch(/compassion|care/i);
      expect(text).not.toMatch(/Looking After You/); // a closed programme is never offered
    });

    it('"courses" with an unknown behaviour lists the behaviours by name, never by id, with a working example', async () => {
      const text = await say(alice, 'courses teamwork');
      expect(text).toMatch(/do not know a behaviour called "teamwork"/);
      const behaviours = h.app.deps.content.behaviours;
      for (const b of behaviours) expect(text).toContain(b.title);
      // Ids that are not also words of a name (e.g. "context", "vision") never appear.
      const titles = behaviours.map((b) => b.title.toLowerCase()).join(' ');
      for (const b of behaviours.filter((x) => !titles.includes(x.id))) expect(text).not.toContain(b.id);
      const example = /e\.g\. "courses ([a-z]+)"/.exec(text)?.[1];
      expect(example).toBeDefined();
      expect(await say(alice, `courses ${example}`)).toMatch(/Ways to grow: /);
    });

    it.each(['20 weeks', '0', 'a fortnight', '13'])('"pause %s" is refused with the allowed range', async (args) => {
      const text = await say(alice, `pause ${args}`);
      expect(text).toContain('Pause for 1 to 12 weeks, e.g. "pause 3 weeks".');
      expect(text).not.toMatch(/Type "help"/);
      expect((await user(alice))?.pausedUntil).toBeUndefined();
    });

    it('"pause" and "resume" give dates with the year, the time and the person\'s time zone, and the next nudge', async () => {
      const paused = await say(alice, 'pause 2 weeks');
      expect(paused).toMatch(/No nudges until \w+day \d{1,2} \w+ \d{4}, \d\d:\d\d \(Europe\/London\)\./);
      expect(paused).toMatch(/Your next nudge: \w+day \d{1,2} \w+ \d{4}, \d\d:\d\d \(Europe\/London\)\./);
      expect(await say(alice, 'resume')).toMatch(
        /Your next nudge: \w+day \d{1,2} \w+ \d{4}, \d\d:\d\d \(Europe\/London\)/,
      );
    });

    it('"pause 2 weeks" pauses and the settings card says until when; "resume" ends it', async () => {
      const paused = await say(alice, 'pause 2 weeks');
      expect(paused).toMatch(/No nudges until/);
      const u = await user(alice);
      expect(Date.parse(u?.pausedUntil ?? '')).toBeGreaterThan(h.now().getTime() + 13 * 86_400_000);
      expect(Date.parse(u?.nextDueAt ?? '')).toBeGreaterThanOrEqual(Date.parse(u?.pausedUntil ?? ''));
      expect(await say(alice, 'settings')).toMatch(/paused until/i);
      expect(await say(alice, 'resume')).toMatch(/Nudges resumed/);
      expect((await user(alice))?.pausedUntil).toBeUndefined();
    });

    it('refuses a pause over 12 weeks with a clear message', async () => {
      expect(await say(alice, 'pause 13 weeks')).toMatch(/1 to 12 weeks/);
      expect((await user(alice))?.pausedUntil).toBeUndefined();
    });

    it('"delete my data" asks for confirmation before deleting anything', async () => {
      expect(await say(alice, 'delete my data')).toMatch(/delete/i);
      expect(await user(alice)).toBeDefined();
    });
  });

  describe('settings.save', () => {
    it('answers each bad value with its own message and changes nothing', async () => {
      const before = await user(alice);
      const { text } = await act(alice, VERBS.settingsSave, {
        role: 'astronaut',
        timeZone: 'Mars/Olympus',
        day: 'someday',
        time: '23:30',
        frequency: 'hourly',
        focus: 'compassion,telepathy',
      });
      for (const m of [
        /Role:/,
        /Time zone:.*Mars\/Olympus/,
        /Day:/,
        /Time: choose a time between 07:00 and 19:00/,
        /How often:/,
        /Focus:/,
      ]) {
        expect(text).toMatch(m);
      }
      const after = await user(alice);
      expect(after?.prefs).toEqual(before?.prefs);
    });

    it('saves good values and recomputes the next due time in the new zone', async () => {
      const { text } = await act(alice, VERBS.settingsSave, {
        role: 'manager',
        timeZone: 'Europe/London',
        day: 'wed',
        time: '13:30',
        frequency: 'fortnightly',
        focus: 'compassion,equality',
      });
      expect(text).toMatch(/Settings saved|Your nudges have started/);
      const u = await user(alice);
      expect(u?.prefs).toEqual({
        role: 'manager',
        timeZone: 'Europe/London',
        day: 'wed',
        time: '13:30',
        frequency: 'fortnightly',
        focus: ['compassion', 'equality'],
        locale: 'en-GB', // from the Teams client, kept when settings are saved
      });
      const due = new Date(u?.nextDueAt ?? '');
      expect(
        due.toLocaleString('en-GB', {
          timeZone: 'Europe/London',
          weekday: 'short',
          hour: '2-digit',
          minute: '2-digit',
        }),
      ).toBe('Wed 13:30');
      expect(u?.onboarded).toBe(true);
    });

    it('refuses an unknown nation or course time with its own message', async () => {
      const { text } = await act(alice, VERBS.settingsSave, { place: 'atlantis', learningTime: 'forever' });
      expect(text).toMatch(/Where you work: choose a nation or region/);
      expect(text).toMatch(/Time for a course: choose from the list/);
    });

    it('saves where the person works and their time for a course; courses and nudge cards then fit them', async () => {
      const { text } = await act(alice, VERBS.settingsSave, { place: 'wales', learningTime: 'short' });
      expect(text).toMatch(/matched to where you work \(Wales\) and take a few hours/);
      expect((await user(alice))?.prefs).toMatchObject({ place: 'wales', learningTime: 'short' });
      const settings = await say(alice, 'settings');
      expect(settings).toMatch(/Where I work/);
      const courses = await say(alice, 'courses');
      expect(courses).not.toMatch(/takes (a few weeks|months)/);
      expect(courses).not.toMatch(/Mary Seacole|LEEP|Bronze Quality/);
      const byId = new Map(h.app.deps.content.courses.map((c) => [c.title, c]));
      for (const [title, c] of byId)
        if (courses.includes(title)) expect(c.places.some((p) => p === 'uk' || p === 'wales')).toBe(true);
      const d = await nudgeFor(alice);
      const nudgeCard = h.connector.activities.filter((a) => a.conversationId === alice.conversationId).at(-1);
      const nudgeText = cardText(cardOf(nudgeCard));
      expect(nudgeText).toMatch(/Another way to grow: /);
      const nudge = h.app.deps.content.nudges.find((n) => n.id === d.nudgeId)!;
      if (nudge.signpost === 'speaking-up') expect(nudgeText).toMatch(/Healthcare Inspectorate Wales/);
      await act(alice, VERBS.settingsSave, { place: 'not-set', learningTime: 'not-set' });
      expect((await user(alice))?.prefs.place).toBeUndefined();
    });
  });

  describe('poll.answer', () => {
    it('stores one answer per person and nudge; answering again changes it without double counting', async () => {
      const d = await nudgeFor(alice);
      const nudge = h.app.deps.content.nudges.find((n) => n.id === d.nudgeId)!;
      const [first, second] = nudge.poll.options;
      const r1 = await act(alice, VERBS.pollAnswer, {
        deliveryId: d.id,
        nudgeId: d.nudgeId,
        pollId: nudge.poll.id,
        optionId: first!.id,
        rating: '3',
      });
      expect(r1.text).toMatch(/Thank you for answering/);
      expect(r1.text).toMatch(/4 more/);
      await act(alice, VERBS.pollAnswer, {
        deliveryId: d.id,
        nudgeId: d.nudgeId,
        pollId: nudge.poll.id,
        optionId: second!.id,
      });
      await act(alice, VERBS.pollAnswer, {
        deliveryId: d.id,
        nudgeId: d.nudgeId,
        pollId: nudge.poll.id,
        optionId: second!.id,
      });
      const answers = (await responsesOf(alice)).filter((r) => r.kind === 'poll' && r.deliveryId === d.id);
      expect(answers).toHaveLength(1);
      expect(answers[0]).toMatchObject({ optionId: second!.id });
      const votes = (await responsesOf(alice)).filter((r) => r.kind === 'vote');
      expect(votes).toHaveLength(1);
      expect(votes[0]).toMatchObject({ optionId: second!.id, countedOptionId: second!.id });
      const group = practiceGroupId(practiceId);
      const agg = (await h.app.store.aggregates.get(group, `${group}|${nudge.poll.id}`)) as AggregateRecord;
      expect(await h.app.store.aggregates.get(alice.tenantId, `${alice.tenantId}|${nudge.poll.id}`)).toBeUndefined();
      expect(agg.total).toBe(1);
      expect(agg.counts[second!.id]).toBe(1);
      expect(agg.counts[first!.id] ?? 0).toBe(0);
    });

    it("shows the practice's result only from the fifth answer, counts only", async () => {
      const nudge = h.app.deps.content.nudges.find((n) => n.roles.includes('other') && n.behaviour === 'values')!;
      const people = [201, 202, 203, 204, 205].map((n) => person(n));
      const texts: string[] = [];
      for (const [i, p] of people.entries()) {
        await h.post(installActivity(p, h.connector.url));
        const d = await seedDelivery(p, nudge.id);
        const option = nudge.poll.options[i % 2]!;
        const { text, card } = await act(p, VERBS.pollAnswer, {
          deliveryId: d.id,
          nudgeId: nudge.id,
          pollId: nudge.poll.id,
          optionId: option.id,
        });
        texts.push(text);
        if (i < 4) {
          expect(text).toMatch(new RegExp(`${4 - i} more`));
          expect(JSON.stringify(card)).not.toMatch(/"\d+%"/);
        }
      }
      expect(texts[4]).not.toMatch(/more answers? needed/i);
      expect(texts[4]).toMatch(/60%/);
      expect(texts[4]).toMatch(/40%/);
      expect(texts[4]).toMatch(/\(yours\)/);
    });

    it('notes a self-rating on the person, so the weekly engine reads their ratings (and skips that read for others)', async () => {
      const bob = person(103);
      await h.post(installActivity(bob, h.connector.url));
      const d = await nudgeFor(bob);
      const nudge = h.app.deps.content.nudges.find((n) => n.id === d.nudgeId)!;
      await act(bob, VERBS.pollAnswer, { deliveryId: d.id, nudgeId: d.nudgeId, optionId: nudge.poll.options[0]!.id });
      expect((await user(bob))?.ratedAt).toBeUndefined();
      await act(bob, VERBS.pollAnswer, {
        deliveryId: d.id,
        nudgeId: d.nudgeId,
        optionId: nudge.poll.options[0]!.id,
        rating: '2',
      });
      expect(Date.parse((await user(bob))?.ratedAt ?? '')).toBeGreaterThan(h.now().getTime() - 60_000);
    });

    it('refuses an option that is not in the poll and stores nothing', async () => {
      const d = await nudgeFor(alice);
      const before = (await responsesOf(alice)).length;
      const { text } = await act(alice, VERBS.pollAnswer, {
        deliveryId: d.id,
        nudgeId: d.nudgeId,
        optionId: 'not-an-option',
      });
      // The same nudge card comes back with a plain note: the week's poll is not lost.
      expect(text).toMatch(/Choose an answer first/);
      expect(text).toContain('Send answer');
      expect((await responsesOf(alice)).length).toBe(before);
    });

    it("refuses an answer on another person's delivery and stores nothing", async () => {
      const bob = person(102);
      await h.post(installActivity(bob, h.connector.url));
      const d = await nudgeFor(alice);
      const nudge = h.app.deps.content.nudges.find((n) => n.id === d.nudgeId)!;
      const { text } = await act(bob, VERBS.pollAnswer, {
        deliveryId: d.id,
        nudgeId: d.nudgeId,
        optionId: nudge.poll.options[0]!.id,
      });
      expect(text).toMatch(/not one of your nudges/);
      expect(await responsesOf(bob)).toHaveLength(0);
      expect((await responsesOf(alice)).some((r) => r.kind === 'poll' && r.deliveryId === d.id)).toBe(false);
    });

    it('refuses a payload with wrong types with the error card', async () => {
      const { text } = await act(alice, VERBS.pollAnswer, { deliveryId: 42, nudgeId: ['x'], optionId: { a: 1 } });
      expect(text).toMatch(/not complete or not valid/);
    });
  });

  describe('reflection.save', () => {
    it('stores the trimmed text with the nudge and behaviour, and confirms in the card', async () => {
      const d = await nudgeFor(alice);
      const { text } = await act(alice, VERBS.reflectionSave, {
        deliveryId: d.id,
        nudgeId: d.nudgeId,
        reflection: '  I asked the team what slows them down.  ',
      });
      expect(text).toMatch(/Reflection saved\./);
      expect(text).toContain('I asked the team what slows them down.'); // shown back on the card
      const saved = (await responsesOf(alice)).find((r) => r.kind === 'reflection' && r.deliveryId === d.id);
      expect(saved).toMatchObject({
        text: 'I asked the team what slows them down.',
        nudgeId: d.nudgeId,
        behaviourId: d.behaviourId,
      });
    });

    it('refuses more than 2,000 characters with a clear message and stores nothing', async () => {
      const d = await nudgeFor(alice);
      const { text } = await act(alice, VERBS.reflectionSave, {
        deliveryId: d.id,
        nudgeId: d.nudgeId,
        reflection: 'a'.repeat(2001),
      });
      expect(text).toMatch(/2,001 characters; the limit is 2,000/);
      expect((await responsesOf(alice)).some((r) => r.kind === 'reflection' && r.deliveryId === d.id)).toBe(false);
    });

    it('refuses an empty reflection', async () => {
      const d = await nudgeFor(alice);
      expect(
        (await act(alice, VERBS.reflectionSave, { deliveryId: d.id, nudgeId: d.nudgeId, reflection: '   ' })).text,
      ).toMatch(/empty/);
    });
  });

  describe('snooze, skip and feedback', () => {
    /** Moves the person's next weekly nudge to `days` days from now (snooze depends on it). */
    async function nextWeeklyIn(p: Person, days: number): Promise<void> {
      const u = await user(p);
      if (!u) throw new Error('no user');
      const { etag, ...doc } = u;
      const at = new Date(h.now().getTime() + days * 86_400_000).toISOString();
      await h.app.store.users.replace({ ...doc, snooze: undefined, nextDueAt: at }, etag);
    }

    it('nudge.snooze brings the same nudge back tomorrow at the chosen time', async () => {
      const d = await nudgeFor(alice);
      await nextWeeklyIn(alice, 5);
      const { text } = await act(alice, VERBS.nudgeSnooze, { deliveryId: d.id, nudgeId: d.nudgeId });
      expect(text).toMatch(/Snoozed until \w+day \d{1,2} \w+ \d{4}, \d\d:\d\d \(Europe\/London\)\./);
      const u = await user(alice);
      expect(u?.snooze).toMatchObject({ deliveryId: d.id, nudgeId: d.nudgeId });
      expect(Date.parse(u?.nextDueAt ?? '')).toBeLessThanOrEqual(Date.parse(u?.snooze?.until ?? ''));
      expect((await act(alice, VERBS.nudgeSnooze, { deliveryId: d.id, nudgeId: d.nudgeId })).text).toMatch(
        /already snoozed/,
      );
    });

    it('never snoozes onto the day of the next weekly nudge: refuses, names that nudge, and the card offers no snooze', async () => {
      const d = await nudgeFor(alice);
      await nextWeeklyIn(alice, 1);
      const { text } = await act(alice, VERBS.nudgeSnooze, { deliveryId: d.id, nudgeId: d.nudgeId });
      expect(text).toMatch(/Your next nudge arrives on \w+day \d{1,2} \w+ \d{4}, \d\d:\d\d/);
      expect(text).toMatch(/Keep this card open, or skip it/);
      expect((await user(alice))?.snooze).toBeUndefined();
      const { card } = await act(alice, VERBS.nudgeFeedback, { deliveryId: d.id, nudgeId: d.nudgeId, useful: true });
      expect(JSON.stringify(card)).not.toContain(VERBS.nudgeSnooze);
      expect(JSON.stringify(card)).toContain(VERBS.nudgeSkip);
    });

    it('nudge.skip keeps the weekly slot and records the skip', async () => {
      const d = await nudgeFor(alice);
      const dueBefore = (await user(alice))?.nextDueAt;
      expect((await act(alice, VERBS.nudgeSkip, { deliveryId: d.id, nudgeId: d.nudgeId })).text).toMatch(/Skipped/);
      expect((await user(alice))?.nextDueAt).toBe(dueBefore);
      expect((await h.app.store.deliveries.get(alice.aadObjectId, d.id))?.interaction?.skipped).toBe(true);
    });

    it('nudge.feedback "not useful" steers later choices away from the nudge', async () => {
      const d = await nudgeFor(alice);
      expect(
        (await act(alice, VERBS.nudgeFeedback, { deliveryId: d.id, nudgeId: d.nudgeId, useful: false })).text,
      ).toMatch(/noted as not useful/);
      expect((await user(alice))?.history.notUseful).toContain(d.nudgeId);
      await act(alice, VERBS.nudgeFeedback, { deliveryId: d.id, nudgeId: d.nudgeId, useful: true });
      expect((await user(alice))?.history.notUseful).not.toContain(d.nudgeId);
    });

    it('refuses feedback that is not yes or no', async () => {
      const d = await nudgeFor(alice);
      expect(
        (await act(alice, VERBS.nudgeFeedback, { deliveryId: d.id, nudgeId: d.nudgeId, useful: 'maybe' })).text,
      ).toMatch(/That did not go through, so nothing was saved[\s\S]*Was this nudge useful/);
    });
  });

  describe('courses.search', () => {
    it('filters by behaviour, role, format and time', async () => {
      const { text } = await act(alice, VERBS.coursesSearch, {
        behaviour: 'compassion',
        role: 'reception',
        format: 'online',
        time: 'any',
      });
      expect(text).toMatch(/online/i);
    });

    it('"More courses" on a nudge sends the suggestions as a new message and keeps the nudge card', async () => {
      const d = await nudgeFor(alice);
      const before = h.connector.activities.length;
      const { text } = await act(alice, VERBS.coursesSearch, { behaviour: d.behaviourId, deliveryId: d.id });
      expect(text).toMatch(/Try this/);
      const followUp = h.connector.activities.slice(before).find((a) => a.conversationId === alice.conversationId);
      // Entries on the nudge's theme, or the plain note that none fits (never off-theme filler).
      expect(cardText(cardOf(followUp))).toMatch(/Learn more|Nothing on ".+" (is open to you|fits the time)/);
    });

    it('refuses a filter value that is not offered', async () => {
      expect((await act(alice, VERBS.coursesSearch, { format: 'carrier-pigeon' })).text).toMatch(
        /Choose a format from the list/,
      );
    });
  });

  describe('unknown and malformed actions', () => {
    it('answers an unknown verb with the error card and stores nothing', async () => {
      const before = (await responsesOf(alice)).length;
      const { text } = await act(alice, 'launch.rockets', { deliveryId: 'x' });
      expect(text).toMatch(/do not recognise that button/);
      expect((await responsesOf(alice)).length).toBe(before);
    });

    it('answers an invoke with no action at all with the error card', async () => {
      const activity = cardActionActivity(alice, h.connector.url, undefined, undefined);
      activity.value = {};
      const res = await h.post(activity);
      expect(res.status).toBe(200);
      expect(cardText((res.body as InvokeBody).value)).toMatch(/do not recognise that button/);
    });

    it('handles the Action.Submit fallback (the verb in the message value) like Action.Execute', async () => {
      const before = h.connector.activities.length;
      await h.post(messageActivity(alice, h.connector.url, '', { value: { verb: VERBS.helpShow } }));
      expect(cardText(cardOf(firstReply(h.connector.activities, before)))).toMatch(/delete my data/);
    });
  });

  describe('history, export and delete', () => {
    const carol = person(301);

    beforeAll(async () => {
      await h.post(installActivity(carol, h.connector.url));
    });

    it('"history" shows reflections exactly as typed, with no markup or templating evaluated', async () => {
      const d = await nudgeFor(carol);
      const hostile = 'Tried [this](https://evil.example) and **bold** <script>alert(1)</script> ${1+1}';
      await act(carol, VERBS.reflectionSave, { deliveryId: d.id, nudgeId: d.nudgeId, reflection: hostile });
      const text = await say(carol, 'history');
      expect(text).not.toMatch(/\[this\]\(https:\/\/evil/); // the link syntax is escaped
      expect(text).toMatch(/\\\[this\\\]/);
      expect(text).not.toMatch(/\$\{1\+1\}/);
      expect(text).not.toMatch(/(^|[^\\])2\b.*<script>/);
    });

    it('"history" gives self-ratings out of 5 and dates with the year', async () => {
      const d = await nudgeFor(carol);
      const nudge = h.app.deps.content.nudges.find((n) => n.id === d.nudgeId)!;
      await act(carol, VERBS.pollAnswer, {
        deliveryId: d.id,
        nudgeId: d.nudgeId,
        optionId: nudge.poll.options[0]!.id,
        rating: '3',
      });
      const text = await say(carol, 'history');
      expect(text).toMatch(/(^|\n)(\d → )*3 \(out of 5\)/);
      expect(text).toMatch(/\d{1,2} \w{3} \d{4}/);
    });

    it('"export" gives a link to everything stored, and reflections as plain text', async () => {
      const d = await nudgeFor(carol);
      await act(carol, VERBS.reflectionSave, {
        deliveryId: d.id,
        nudgeId: d.nudgeId,
        reflection: 'Thanked reception for their patience today.',
      });
      const before = h.connector.activities.length;
      await h.post(messageActivity(carol, h.connector.url, 'export'));
      const card = cardOf(firstReply(h.connector.activities, before));
      const urls = JSON.stringify(card).match(/http:\/\/127\.0\.0\.1:\d+\/api\/export\/[A-Za-z0-9_-]+/g) ?? [];
      expect(urls.length).toBeGreaterThan(0);
      const url = urls[0]!.replace(/^http:\/\/127\.0\.0\.1:\d+/, h.baseUrl);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/attachment/);
      const data = (await res.json()) as {
        profile: { userId: string };
        reflections: { text: string }[];
        deliveries: unknown[];
      };
      expect(data.profile.userId).toBe(carol.aadObjectId);
      expect(data.reflections.map((r) => r.text)).toContain('Thanked reception for their patience today.');
      expect(data.deliveries.length).toBeGreaterThan(0);
      const text = await (await fetch(`${url}?format=text`)).text();
      expect(text).toMatch(/Reflection:\nThanked reception for their patience today\./);
      // Read months later in an appraisal: the date has its year, the time its zone.
      expect(text).toMatch(/Date: \w+day \d{1,2} \w+ \d{4}, \d\d:\d\d \(Europe\/London\)/);
      expect((await fetch(`${h.baseUrl}/api/export/not-a-real-token-0000000000`)).status).toBe(404);
      expect((await fetch(url)).status).toBe(410); // each link works once
    });

    it('"delete my data" then confirm deletes everything stored for that person', async () => {
      await say(carol, 'delete my data');
      const { text } = await act(carol, VERBS.dataDeleteConfirm, {});
      expect(text).toMatch(/Your data is deleted/);
      const id = carol.aadObjectId;
      expect(await h.app.store.users.get(id, id)).toBeUndefined();
      expect(await h.app.store.deliveries.query({ partitionKey: id })).toHaveLength(0);
      expect(await h.app.store.responses.query({ partitionKey: id })).toHaveLength(0);
      expect(await h.app.store.exports.query({ partitionKey: id })).toHaveLength(0);
      expect(await h.app.store.responses.count({ where: [{ field: 'userId', op: '=', value: id }] })).toBe(0);
      expect(JSON.stringify(await h.app.store.aggregates.query({}))).not.toContain(id); // counts stay anonymous
    });

    it('cancelling the deletion keeps everything', async () => {
      expect((await act(alice, VERBS.dataDeleteCancel, {})).text).toMatch(/Nothing deleted/);
      expect(await user(alice)).toBeDefined();
    });
  });
});
