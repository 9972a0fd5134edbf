import { person } from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { botAddedToTeam, channelCardAction, teamChannel } from './team-activities';

/**
 * Teams gives up on an invoke after about 10-15 s and shows "Something went wrong" (msteams-docs#6461),
 * so the shared channel card must never be updated inside the invoke. The channel update here is held
 * at the connector until the test lets it go: an invoke that waited for it would never be answered.
 */
describe('a team poll answered while the channel update hangs', () => {
  let h: Harness;
  let clock = new Date('2026-11-26T10:00:00.000Z');
  const where = teamChannel(77);

  beforeAll(async () => {
    h = await startHarness({ now: () => clock });
  });
  afterAll(async () => h.close());

  it('answers every invoke while the shared card is still on its way, and the card lands later with every answer', async () => {
    await h.post(botAddedToTeam(h.connector.url, where));
    clock = new Date('2026-11-30T09:00:30.000Z');
    await h.app.delivery.tick(clock);
    const [delivery] = await h.app.store.deliveries.query({ partitionKey: where.teamId });
    const posted = h.connector.sentTo(where.channelId).find((a) => a.assignedId === delivery?.activityId);
    const body = cardOf(posted).body as {
      type: string;
      id?: string;
      choices?: { value: string }[];
      actions?: { verb?: string; data?: Record<string, unknown> }[];
    }[];
    const data = body.flatMap((e) => e.actions ?? []).find((a) => a.verb === 'team.poll.answer')?.data ?? {};
    const option = body.find((e) => e.id === 'optionId')?.choices?.[0]?.value ?? '';

    // The first update of the shared card (PUT) hangs at the connector until released below.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    h.connector.addFault({ match: (c) => c.method === 'PUT', status: 200, until: held, times: 1 });
    for (let i = 0; i < 20; i++) {
      const res = await h.post(
        channelCardAction(person(800 + i), h.connector.url, where, 'team.poll.answer', { ...data, optionId: option }),
      );
      expect(res.status).toBe(200);
    }
    expect(h.connector.sentTo(where.channelId).filter((a) => a.method === 'PUT')).toHaveLength(0); // still held
    const releasedAt = Date.now();
    release();

    await h.app.followUps.settled();
    const puts = h.connector.sentTo(where.channelId).filter((a) => a.method === 'PUT');
    expect(puts[0]!.at).toBeGreaterThanOrEqual(releasedAt);
    // Cards queued while the slow one was on its way were folded into one: the newest, with all 20 answers.
    expect(puts.length).toBeLessThanOrEqual(2);
    expect(cardText(cardOf(puts.at(-1)))).toMatch(/Team results: 20 people/);
    expect(puts.every((p) => p.activityId === delivery?.activityId)).toBe(true);
  }, 60_000);
});
