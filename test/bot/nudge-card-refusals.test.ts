/**
 * One click must not destroy the week's card: the card itself stops an empty answer or reflection
 * (required inputs, as the team poll does), and when the bot still refuses a click it answers with
 * the same nudge card and a short plain note, both on the clicking device (the invoke response) and
 * on the message itself (the PUT). Also what the card shows back: the saved reflection, whether a
 * snoozed copy still comes after Skip, and Snooze refused on an answered nudge.
 */
import { VERBS } from '../../src/cards/verbs';
import { cardActionActivity, installActivity, messageActivity, person, type Person } from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import type { RecordedActivity } from '../support/connector-double';
import { readNudgeCard, type NudgeOnCard } from '../support/nudged-person';

type InvokeBody = { statusCode: number; value: Record<string, unknown> };
interface Node {
  type?: string;
  id?: string;
  verb?: string;
  isRequired?: boolean;
  errorMessage?: string;
  label?: string;
}

function nodes(card: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(card)) card.forEach((c) => nodes(c, found));
  else if (card && typeof card === 'object') {
    found.push(card as Node);
    Object.entries(card).forEach(([key, value]) => (key === 'fallback' ? undefined : nodes(value, found)));
  }
  return found;
}
const inputs = (card: unknown) => nodes(card).filter((n) => n.type?.startsWith('Input.'));
const verbsOf = (card: unknown) =>
  nodes(card)
    .filter((n) => n.type === 'Action.Execute')
    .map((n) => n.verb);

/** Tuesday 1 December 2026, 10:00 in London: the next weekly nudge (Monday 09:00) is days away. */
const NOW = new Date('2026-12-01T10:00:00Z');

describe('a refused click keeps the nudge card, with a note', () => {
  let h: Harness;
  let n = 9100;
  beforeAll(async () => {
    h = await startHarness({ now: () => NOW });
  });
  afterAll(async () => h.close());

  async function nudged(): Promise<{ p: Person; message: RecordedActivity; nudge: NudgeOnCard }> {
    const p = person(n++);
    await h.post(installActivity(p, h.connector.url));
    await h.post(messageActivity(p, h.connector.url, 'nudge'));
    const message = h.connector.sentTo(p.conversationId).at(-1)!;
    return { p, message, nudge: readNudgeCard(cardOf(message), p) };
  }

  const click = async (p: Person, verb: string, data: unknown, replyToId: string) => {
    const res = await h.post(cardActionActivity(p, h.connector.url, verb, data, { replyToId }));
    expect(res.status).toBe(200);
    return (res.body as InvokeBody).value;
  };
  const lastPut = async (p: Person, activityId: string) => {
    await h.app.followUps.settled();
    const puts = h.connector.sentTo(p.conversationId).filter((a) => a.method === 'PUT' && a.activityId === activityId);
    return puts.at(-1);
  };
  const ids = (nudge: NudgeOnCard) => ({ deliveryId: nudge.deliveryId, nudgeId: nudge.nudgeId });

  it('the card asks one thing at a time: the poll is required on the card, and no required reflection blocks "Send answer"', async () => {
    const { message } = await nudged();
    const card = cardOf(message);
    const required = inputs(card).filter((i) => i.isRequired);
    // Adaptive Cards validate every input on the card for an Action.Execute (associatedInputs "auto"),
    // so a second required input would stop "Send answer" until it too was filled.
    expect(required).toEqual([
      expect.objectContaining({ id: 'optionId', errorMessage: 'Choose an answer first.', label: expect.any(String) }),
    ]);
    expect(inputs(card).some((i) => i.id === 'reflection')).toBe(false);
  });

  it('"Send answer" with nothing chosen: the same card with its poll and a plain note, on the device and in the chat', async () => {
    const { p, message, nudge } = await nudged();
    const shown = await click(p, VERBS.pollAnswer, { ...ids(nudge), pollId: nudge.pollId }, message.assignedId);
    const text = cardText(shown);
    expect(text).toContain('Choose an answer first');
    expect(text).not.toMatch(/Check:|optionId|Sorry, that did not work|Something needs another look/);
    expect(readNudgeCard(shown, p)).toEqual(nudge); // the same nudge, its poll and every choice
    expect(verbsOf(shown)).toContain(VERBS.pollAnswer);
    const put = await lastPut(p, message.assignedId);
    expect(put).toBeDefined();
    expect(cardOf(put)).toEqual(shown);
  });

  it("a choice that is not one of the poll's: the card stays, nothing is saved", async () => {
    const { p, message, nudge } = await nudged();
    const shown = await click(p, VERBS.pollAnswer, { ...ids(nudge), optionId: 'not-an-option' }, message.assignedId);
    expect(cardText(shown)).toContain('Nothing was saved');
    expect(readNudgeCard(shown, p)).toEqual(nudge);
    expect(await h.app.store.responses.query({ partitionKey: p.aadObjectId })).toEqual([]);
  });

  it('an empty reflection: the answered card stays with its reflection box and a note; the saved one is shown back', async () => {
    const { p, message, nudge } = await nudged();
    const answered = await click(
      p,
      VERBS.pollAnswer,
      { ...ids(nudge), optionId: nudge.optionIds[0] },
      message.assignedId,
    );
    const box = inputs(answered).find((i) => i.id === 'reflection');
    expect(box).toMatchObject({ isRequired: true, errorMessage: 'Write a few words first.' });
    expect(inputs(answered).filter((i) => i.isRequired)).toHaveLength(1);

    const shown = await click(p, VERBS.reflectionSave, { ...ids(nudge), reflection: '   ' }, message.assignedId);
    expect(cardText(shown)).toContain('Your reflection is empty');
    expect(cardText(shown)).toContain('Your answer:');
    expect(inputs(shown).some((i) => i.id === 'reflection')).toBe(true);
    expect(verbsOf(shown)).toContain(VERBS.reflectionSave);
    expect(cardOf(await lastPut(p, message.assignedId))).toEqual(shown);

    const text = 'I asked **Sam** what mattered; [link](https://evil.example) stays text.';
    const saved = await click(p, VERBS.reflectionSave, { ...ids(nudge), reflection: text }, message.assignedId);
    const savedText = cardText(saved);
    expect(savedText).toContain(
      'I asked \\*\\*Sam\\*\\* what mattered; \\[link\\]\\(https://evil.example\\) stays text.',
    );
    expect(inputs(saved).some((i) => i.id === 'reflection')).toBe(false);
  });

  it('a reflection longer than the limit (an old client): the card stays with a note saying the limit', async () => {
    const { p, message, nudge } = await nudged();
    const shown = await click(
      p,
      VERBS.reflectionSave,
      { ...ids(nudge), reflection: 'x'.repeat(2001) },
      message.assignedId,
    );
    expect(cardText(shown)).toMatch(/the limit is 2,000/);
    expect(readNudgeCard(shown, p)).toEqual(nudge);
  });

  it('a card whose data does not parse at all: the card stays with a plain note, no field names', async () => {
    const { p, message, nudge } = await nudged();
    const shown = await click(p, VERBS.nudgeFeedback, { ...ids(nudge), useful: 'maybe' }, message.assignedId);
    expect(cardText(shown)).toContain('That did not go through, so nothing was saved');
    expect(cardText(shown)).not.toMatch(/Check:|Sorry, that did not work/);
    expect(readNudgeCard(shown, p)).toEqual(nudge);
  });

  it('Snooze on an answered nudge is refused with a note, the card kept and nothing snoozed', async () => {
    const { p, message, nudge } = await nudged();
    const answered = await click(
      p,
      VERBS.pollAnswer,
      { ...ids(nudge), optionId: nudge.optionIds[0] },
      message.assignedId,
    );
    expect(verbsOf(answered)).not.toContain(VERBS.nudgeSnooze);
    const shown = await click(p, VERBS.nudgeSnooze, ids(nudge), message.assignedId); // an older copy of the card
    expect(cardText(shown)).toContain('You have answered this nudge');
    expect(cardText(shown)).toContain('Your answer:');
    expect(cardText(shown)).not.toMatch(/Snoozed until/);
    const user = await h.app.store.users.get(p.aadObjectId, p.aadObjectId);
    expect(user).toBeDefined();
    expect(user?.snooze).toBeUndefined();
  });

  it('Skip after Snooze says the snoozed copy will not come', async () => {
    const { p, message, nudge } = await nudged();
    const snoozed = await click(p, VERBS.nudgeSnooze, ids(nudge), message.assignedId);
    expect(cardText(snoozed)).toMatch(/Snoozed until Wednesday 2 December 2026, \d\d:\d\d \(Europe\/London\)/);
    const skipped = await click(p, VERBS.nudgeSkip, ids(nudge), message.assignedId);
    expect(cardText(skipped)).toMatch(/Skipped: this nudge will not come back, not even a snoozed copy/);
    const user = await h.app.store.users.get(p.aadObjectId, p.aadObjectId);
    expect(user).toBeDefined();
    expect(user?.snooze).toBeUndefined();
  });

  it("someone else's card is still refused with the error card, never written over the message", async () => {
    const { p, message, nudge } = await nudged();
    const other = await nudged();
    const shown = await click(
      other.p,
      VERBS.pollAnswer,
      { ...ids(nudge), optionId: nudge.optionIds[0] },
      message.assignedId,
    );
    expect(cardText(shown)).toContain('not one of your nudges');
    expect(await lastPut(other.p, message.assignedId)).toBeUndefined();
    expect(await lastPut(p, message.assignedId)).toBeUndefined();
  });
});
