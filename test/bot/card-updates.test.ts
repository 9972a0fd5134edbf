import { Writable } from 'node:stream';
import { VERBS } from '../../src/cards/verbs';
import { createLogger } from '../../src/logger';
import { cardActionActivity, installActivity, messageActivity, person, type Person } from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import type { RecordedActivity } from '../support/connector-double';
import { readNudgeCard } from '../support/nudged-person';

type InvokeBody = { statusCode: number; value: Record<string, unknown> };

/**
 * Teams replaces an answered card only on the device that clicked (the invoke response); the message
 * itself keeps the old card unless the bot updates it. These tests play Teams: the click carries the
 * clicked message's id (replyToId) and the double records the PUT that must follow.
 */
describe('a card answered on one device shows the same on every device', () => {
  let h: Harness;
  const lines: Record<string, unknown>[] = [];
  let n = 700;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as never);
        done();
      },
    });
    h = await startHarness({ logger: createLogger({ level: 'info', destination: sink }) });
  });
  afterAll(async () => h.close());

  /** A new person with a nudge in their chat: the message as the double recorded it, and the card's ids. */
  async function nudged(): Promise<{ p: Person; message: RecordedActivity; data: Record<string, string> }> {
    const p = person(n++);
    await h.post(installActivity(p, h.connector.url));
    await h.post(messageActivity(p, h.connector.url, 'nudge'));
    const message = h.connector.sentTo(p.conversationId).at(-1)!;
    const card = readNudgeCard(cardOf(message), p);
    return {
      p,
      message,
      data: { deliveryId: card.deliveryId, nudgeId: card.nudgeId, pollId: card.pollId, optionId: card.optionIds[0]! },
    };
  }

  const click = async (p: Person, verb: string, data: unknown, replyToId: string) => {
    const res = await h.post(cardActionActivity(p, h.connector.url, verb, data, { replyToId }));
    expect(res.status).toBe(200);
    return (res.body as InvokeBody).value;
  };

  const putsTo = (p: Person, activityId: string) =>
    h.connector.sentTo(p.conversationId).filter((a) => a.method === 'PUT' && a.activityId === activityId);

  it.each([
    ['poll.answer', VERBS.pollAnswer, (d: Record<string, string>) => d],
    ['reflection.save', VERBS.reflectionSave, (d: Record<string, string>) => ({ ...d, reflection: 'Asked the team.' })],
    ['nudge.feedback', VERBS.nudgeFeedback, (d: Record<string, string>) => ({ ...d, useful: 'true' })],
    ['nudge.snooze', VERBS.nudgeSnooze, (d: Record<string, string>) => ({ ...d, snoozeTime: '10:00' })],
    ['nudge.skip', VERBS.nudgeSkip, (d: Record<string, string>) => d],
  ])('%s: the answered card is also written over the nudge message', async (_name, verb, dataOf) => {
    const { p, message, data } = await nudged();
    const shown = await click(p, verb, dataOf(data), message.assignedId);
    expect(cardText(shown)).not.toMatch(/Sorry, that did not work/); // the action succeeded
    await h.app.followUps.settled();
    const puts = putsTo(p, message.assignedId);
    expect(puts).toHaveLength(1);
    expect(cardOf(puts[0])).toEqual(shown);
    expect(puts[0]?.body).toMatchObject({ type: 'message', id: message.assignedId });
  });

  it('settings.save: the saved settings card replaces the settings message', async () => {
    const { p } = await nudged();
    await h.post(messageActivity(p, h.connector.url, 'settings'));
    const settingsMessage = h.connector.sentTo(p.conversationId).at(-1)!;
    const shown = await click(
      p,
      VERBS.settingsSave,
      { role: 'gp', day: 'tue', time: '08:30', timeZone: 'Europe/London', frequency: 'weekly' },
      settingsMessage.assignedId,
    );
    await h.app.followUps.settled();
    const puts = putsTo(p, settingsMessage.assignedId);
    expect(puts).toHaveLength(1);
    expect(cardOf(puts[0])).toEqual(shown);
  });

  it('answers the invoke first: the update follows even when the connector is slow', async () => {
    const { p, message, data } = await nudged();
    // The update hangs at the connector until released: an invoke that waited for it would never be answered.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    h.connector.addFault({ match: (c) => c.method === 'PUT', status: 200, until: held, times: 1 });
    await click(p, VERBS.pollAnswer, data, message.assignedId);
    expect(putsTo(p, message.assignedId)).toHaveLength(0);
    release();
    await h.app.followUps.settled();
    expect(putsTo(p, message.assignedId)).toHaveLength(1);
  });

  it('does the same for the Action.Submit fallback: the card is updated in place, no new message', async () => {
    const { p, message, data } = await nudged();
    const before = h.connector.sentTo(p.conversationId).length;
    await h.post(
      messageActivity(p, h.connector.url, '', {
        value: { verb: VERBS.pollAnswer, ...data },
        replyToId: message.assignedId,
      }),
    );
    await h.app.followUps.settled();
    const after = h.connector.sentTo(p.conversationId).slice(before);
    expect(after.map((a) => [a.method, a.activityId])).toEqual([['PUT', message.assignedId]]);
    expect(cardText(cardOf(after[0]))).toMatch(/answer/i);
  });

  it('never writes an error card over the message, and only logs a failed update', async () => {
    const { p, message, data } = await nudged();
    // Not the person's own delivery: the error card, on the clicking device only.
    await click(p, VERBS.pollAnswer, { ...data, deliveryId: 'someone-elses' }, message.assignedId);
    await h.app.followUps.settled();
    expect(putsTo(p, message.assignedId)).toHaveLength(0);

    h.connector.addFault({ match: (c) => c.method === 'PUT', status: 404, code: 'ConversationNotFound', times: 1 });
    lines.length = 0;
    const shown = await click(p, VERBS.pollAnswer, data, message.assignedId);
    expect(cardText(shown)).toMatch(/answer/i); // the person still sees their answer saved
    await h.app.followUps.settled();
    expect(lines.filter((l) => l.event === 'followup.update_failed')).toEqual([
      expect.objectContaining({ status: 404, code: 'ConversationNotFound', level: 40 }),
    ]);
  });
});
