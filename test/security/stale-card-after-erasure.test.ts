import { PERSONAL_VERBS } from '../../src/cards/verbs';
import { VERBS_WITHOUT_A_RECORD } from '../../src/bot/card-actions';
import { cardActionActivity, installActivity, messageActivity, person, TENANT } from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { readNudgeCard, reflectionSave } from '../support/nudged-person';
import { STORE_KINDS, type StoreKind } from '../support/stores';
import { storeFor } from '../team/test-stores';

/**
 * Newcomer run 2026-12-07, friction 2 (issue 23.12): after "delete my data", one click on an old card
 * re-created the person (ids, conversation, consent pending) and queued a welcome. A click from
 * someone the bot does not know stores nothing and answers "Open a chat with me to start".
 */

type InvokeBody = { statusCode: number; value: Record<string, unknown> };

describe.each<StoreKind>(STORE_KINDS)('a click on an old card after "delete my data" (%s store)', (kind) => {
  let h: Harness;
  let clock = new Date('2026-11-26T10:00:00.000Z');

  beforeAll(async () => {
    h = await startHarness({ store: storeFor(kind), now: () => clock, env: { ALLOWED_TENANTS: TENANT } });
  });
  afterAll(async () => h.close());

  it('stores nothing for the person, queues no welcome, and says how to start, whatever the button', async () => {
    const p = person(9950);
    await h.post(installActivity(p, h.connector.url));
    clock = new Date(clock.getTime() + 1000);
    await h.post(messageActivity(p, h.connector.url, 'nudge'));
    const old = readNudgeCard(cardOf(h.connector.sentTo(p.conversationId).at(-1)), p);
    await h.post(reflectionSave(h, old, 'before the deletion'));
    expect((await h.post(cardActionActivity(p, h.connector.url, 'data.delete.confirm', {}))).status).toBe(200);
    await h.app.followUps.settled();
    const rolloutBefore = JSON.stringify(await h.app.store.rollout.query({ partitionKey: TENANT }));
    const sentBefore = h.connector.sentTo(p.conversationId).length;

    const data = {
      deliveryId: old.deliveryId,
      nudgeId: old.nudgeId,
      pollId: old.pollId,
      optionId: old.optionIds[0],
      reflection: 'after the deletion',
      useful: true,
      role: 'gp',
      timeZone: 'Europe/London',
      day: 'mon',
      time: '09:00',
      frequency: 'weekly',
    };
    const clicked = PERSONAL_VERBS.filter((v) => !VERBS_WITHOUT_A_RECORD.has(v));
    expect(clicked).toEqual(
      expect.arrayContaining(['poll.answer', 'reflection.save', 'nudge.snooze', 'settings.save', 'consent.start']),
    );
    for (const verb of clicked) {
      clock = new Date(clock.getTime() + 1000);
      const res = await h.post(cardActionActivity(p, h.connector.url, verb, data, { replyToId: '1700000000777' }));
      expect([verb, res.status]).toEqual([verb, 200]);
      const text = cardText((res.body as InvokeBody).value);
      expect([verb, text]).toEqual([verb, expect.stringMatching(/^Open a chat with me to start\n/)]);
      // the older Action.Submit path (the card's data as a message value) likewise
      await h.post(messageActivity(p, h.connector.url, '', { value: { verb, ...data }, replyToId: '1700000000778' }));
    }
    await h.app.followUps.settled();
    // the weekly run finds no one to welcome either
    clock = new Date('2026-11-30T09:00:30.000Z');
    await h.app.delivery.tick(clock);

    expect(await h.app.store.users.get(p.aadObjectId, p.aadObjectId)).toBeUndefined();
    expect(await h.app.store.responses.count({ partitionKey: p.aadObjectId })).toBe(0);
    expect(await h.app.store.deliveries.count({ partitionKey: p.aadObjectId })).toBe(0);
    expect(await h.app.store.exports.count({ partitionKey: p.aadObjectId })).toBe(0);
    expect(JSON.stringify(await h.app.store.rollout.query({ partitionKey: TENANT }))).toBe(rolloutBefore);
    // only the Action.Submit answers reached the chat (one message each, no welcome, no card rewritten)
    const after = h.connector.sentTo(p.conversationId).slice(sentBefore);
    expect(after.map((a) => a.method)).toEqual(clicked.map(() => 'POST'));
    for (const a of after) expect(cardText(cardOf(a))).toMatch(/^Open a chat with me to start\n/);
  });

  it('still lets someone who typed to the bot again start afresh', async () => {
    const p = person(9951);
    await h.post(installActivity(p, h.connector.url));
    await h.post(cardActionActivity(p, h.connector.url, 'data.delete.confirm', {}));
    expect(await h.app.store.users.get(p.aadObjectId, p.aadObjectId)).toBeUndefined();
    await h.post(messageActivity(p, h.connector.url, 'help'));
    expect((await h.app.store.users.get(p.aadObjectId, p.aadObjectId))?.consent?.state).toBe('pending');
    const res = await h.post(cardActionActivity(p, h.connector.url, 'settings.show', {}));
    expect(cardText((res.body as InvokeBody).value)).not.toMatch(/Open a chat with me to start/);
  });
});
