import { firstReply } from '../support/connector-double';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { person, type Person } from '../support/activities';
import type { AggregateRecord, DeliveryRecord, PollAnswerRecord } from '../../src/domain';
import {
  botAddedToTeam,
  botRemovedFromTeam,
  channelCardAction,
  channelMessage,
  teamChannel,
  type TeamChannel,
} from './team-activities';
import { storeFor, type StoreKind } from './test-stores';

type InvokeBody = { statusCode: number; value: Record<string, unknown> };

const MONDAY_0900 = '2026-11-30T09:00:00.000Z'; // Europe/London is on GMT in November

describe.each<StoreKind>(['embedded', 'cosmos'])('a team channel (%s store)', (kind) => {
  let h: Harness;
  let clock = new Date('2026-11-26T10:00:00.000Z');
  const where: TeamChannel = teamChannel(1);
  const members: Person[] = [1, 2, 3, 4, 5, 6].map((n) => person(600 + n));

  beforeAll(async () => {
    h = await startHarness({ store: storeFor(kind), now: () => clock });
  });
  afterAll(async () => {
    await h.close();
  });

  /** The posted team-nudge card's poll: the action data and the option ids, read from the card itself. */
  const postedPoll = async (): Promise<{ data: Record<string, unknown>; options: string[] }> => {
    const [delivery] = await h.app.store.deliveries.query({ partitionKey: where.teamId });
    const posted = h.connector
      .sentTo(where.channelId)
      .find((a) => a.method === 'POST' && a.assignedId === delivery?.activityId);
    const body = cardOf(posted).body as {
      type: string;
      id?: string;
      choices?: { value: string }[];
      actions?: { verb?: string; data?: Record<string, unknown> }[];
    }[];
    const choiceSet = body.find((e) => e.type === 'Input.ChoiceSet' && e.id === 'optionId');
    const action = body.flatMap((e) => e.actions ?? []).find((a) => a.verb === 'team.poll.answer');
    return { data: action?.data ?? {}, options: (choiceSet?.choices ?? []).map((c) => c.value) };
  };

  const answer = async (p: Person, optionId: string): Promise<Record<string, unknown>> => {
    const { data } = await postedPoll();
    const res = await h.post(channelCardAction(p, h.connector.url, where, 'team.poll.answer', { ...data, optionId }));
    expect(res.status).toBe(200);
    await h.app.followUps.settled(); // the shared card is updated after the response
    return (res.body as InvokeBody).value;
  };

  it('stores the team and posts the introduction when the bot is added', async () => {
    await h.post(botAddedToTeam(h.connector.url, where));
    const team = await h.app.store.teams.get(where.teamId, where.teamId);
    expect(team).toMatchObject({
      teamId: where.teamId,
      tenantId: person(1).tenantId,
      status: 'active',
      settings: { enabled: true, day: 'mon', time: '09:00', timeZone: 'Europe/London', channelId: where.channelId },
      conversation: { conversationId: where.channelId, serviceUrl: h.connector.url, conversationType: 'channel' },
      nextDueAt: MONDAY_0900,
    });
    const sent = h.connector.sentTo(where.channelId);
    expect(sent).toHaveLength(1);
    // The first team nudge with its weekday, date, time and zone (sent on a Thursday: no doubt which Monday).
    expect(cardText(cardOf(sent[0]))).toMatch(
      /Hello, team[\s\S]*The first one comes on Monday 30 November 2026, 09:00 \(Europe\/London\), then every Monday at 09:00\./,
    );
  });

  it('shows the team settings card for "settings" typed in the channel', async () => {
    const before = h.connector.activities.length;
    await h.post(channelMessage(members[0]!, h.connector.url, where, 'settings'));
    const reply = firstReply(h.connector.activities, before);
    const text = cardText(cardOf(reply));
    expect(text).toContain('Team settings');
    expect(text).toContain('Anyone in this team can change these settings');
  });

  it('refuses team settings outside 07:00-19:00 or in an unknown zone and keeps the old ones', async () => {
    const res = await h.post(
      channelCardAction(members[0]!, h.connector.url, where, 'team.settings.save', {
        enabled: 'true',
        day: 'wed',
        time: '06:30',
        timeZone: 'Mars/Olympus',
        channelId: where.channelId,
      }),
    );
    const text = cardText((res.body as InvokeBody).value);
    expect(text).toMatch(/between 07:00 and 19:00/);
    expect(text).toMatch(/not a time zone I know/);
    expect((await h.app.store.teams.get(where.teamId, where.teamId))?.settings.day).toBe('mon');
  });

  it('saves valid team settings and recomputes the next due time', async () => {
    await h.post(
      channelCardAction(members[0]!, h.connector.url, where, 'team.settings.save', {
        enabled: 'true',
        day: 'tue',
        time: '08:15',
        timeZone: 'Europe/London',
        channelId: where.channelId,
      }),
    );
    expect((await h.app.store.teams.get(where.teamId, where.teamId))?.nextDueAt).toBe('2026-12-01T08:15:00.000Z');
    // back to Monday 09:00 for the rest of the story
    await h.post(
      channelCardAction(members[0]!, h.connector.url, where, 'team.settings.save', {
        enabled: 'true',
        day: 'mon',
        time: '09:00',
        timeZone: 'Europe/London',
        channelId: where.channelId,
      }),
    );
    expect((await h.app.store.teams.get(where.teamId, where.teamId))?.nextDueAt).toBe(MONDAY_0900);
  });

  it('posts one team nudge in the channel when the scheduler ticks, and only one per week', async () => {
    clock = new Date('2026-11-30T09:00:30.000Z');
    const before = h.connector.sentTo(where.channelId).length;
    await h.app.delivery.tick(clock);
    await h.app.delivery.tick(clock);
    const posted = h.connector.sentTo(where.channelId).slice(before);
    expect(posted).toHaveLength(1);
    const card = cardOf(posted[0]);
    const text = cardText(card);
    expect(text).toContain('Team leadership nudge');
    expect(text).toContain('For your next huddle or practice meeting');
    expect(text).toMatch(/Results appear when 5 people have answered \(5 more needed\)/);
    const deliveries = (await h.app.store.deliveries.query({ partitionKey: where.teamId })) as DeliveryRecord[];
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ ownerKind: 'team', state: 'sent', activityId: posted[0]?.assignedId });
  });

  it('keeps results hidden at 4 answers and shows counts only from the 5th, updating the channel card', async () => {
    const { options } = await postedPoll();
    const [first] = options as [string];
    let card: Record<string, unknown> = {};
    for (const p of members.slice(0, 4)) card = await answer(p, first);
    expect(cardText(card)).toMatch(/1 more needed/);
    expect(cardText(card)).not.toMatch(/Team results/);
    const putsBefore = h.connector.sentTo(where.channelId).filter((a) => a.method === 'PUT').length;
    expect(putsBefore).toBe(4); // the shared card follows every change of the counts
    card = await answer(members[4]!, first);
    const text = cardText(card);
    expect(text).toMatch(/Team results: 5 people/);
    expect(text).toMatch(/: 5\n/);
    const updates = h.connector.sentTo(where.channelId).filter((a) => a.method === 'PUT');
    expect(updates).toHaveLength(5);
    expect(cardText(cardOf(updates.at(-1)))).toMatch(/Team results: 5 people/);
    // people answered without ever chatting with the bot: no user record, one answer in their own partition
    expect(await h.app.store.users.get(members[4]!.aadObjectId, members[4]!.aadObjectId)).toBeUndefined();
    const mine = (await h.app.store.responses.query({ partitionKey: members[4]!.aadObjectId })) as PollAnswerRecord[];
    // the answer to this delivery, and the person's one vote in the team's count of this poll
    expect(mine.map((r) => r.kind).sort()).toEqual(['poll', 'vote']);
    expect(mine.find((r) => r.kind === 'poll')).toMatchObject({ groupId: where.teamId, optionId: first });
  });

  it('moves a changed answer without double counting, and ignores a repeat', async () => {
    const { options } = await postedPoll();
    const [first, second] = options as [string, string];
    const changed = cardText(await answer(members[0]!, second));
    // the card shows the snapshot published at 5 people until 5 more are counted (README "Privacy")
    expect(changed).toMatch(/Team results: 5 people/);
    const [agg] = (await h.app.store.aggregates.query({ partitionKey: where.teamId })) as AggregateRecord[];
    expect(agg).toMatchObject({ total: 5, counts: { [first]: 4, [second]: 1 } });
    const puts = h.connector.sentTo(where.channelId).filter((a) => a.method === 'PUT').length;
    const again = cardText(await answer(members[0]!, second));
    expect(again).toMatch(/Team results: 5 people/);
    expect(h.connector.sentTo(where.channelId).filter((a) => a.method === 'PUT')).toHaveLength(puts);
    expect(first).not.toBe(second);
  });

  it('shows a person their own answer only on their device and in the card refresh, never in the channel card', async () => {
    const [delivery] = await h.app.store.deliveries.query({ partitionKey: where.teamId });
    const posted = cardOf(
      h.connector.sentTo(where.channelId).find((a) => a.method === 'POST' && a.assignedId === delivery?.activityId),
    ) as { refresh?: { action?: { verb?: string; data?: Record<string, unknown> }; userIds?: unknown } };
    // The refresh names nobody: no userIds (Teams refreshes for everyone in channels of up to 60 people).
    expect(posted.refresh?.action?.verb).toBe('team.poll.view');
    expect(posted.refresh?.userIds).toBeUndefined();
    const refreshData = posted.refresh!.action!.data!;
    expect(Object.keys(refreshData).sort()).toEqual(['deliveryId', 'teamId']);

    const { options } = await postedPoll();
    const labelOf = (card: Record<string, unknown>, optionId: string) =>
      (card.body as { id?: string; choices?: { title: string; value: string }[] }[])
        .find((e) => e.id === 'optionId')!
        .choices!.find((c) => c.value === optionId)!.title;
    const third = options[2]!;
    const mine = await answer(members[5]!, third);
    expect(cardText(mine)).toContain(`Your answer: **${labelOf(mine, third)}** (only you see this)`);
    const puts = h.connector.sentTo(where.channelId).filter((a) => a.method === 'PUT');
    expect(puts.length).toBeGreaterThan(0);
    for (const put of puts) expect(cardText(cardOf(put))).not.toContain('Your answer');

    const view = async (p: Person, from: TeamChannel = where) => {
      const res = await h.post(channelCardAction(p, h.connector.url, from, 'team.poll.view', refreshData));
      expect(res.status).toBe(200);
      return cardText((res.body as InvokeBody).value);
    };
    const putsBefore = h.connector.sentTo(where.channelId).length;
    expect(await view(members[5]!)).toContain(`Your answer: **${labelOf(mine, third)}**`);
    expect(await view(person(690))).not.toContain('Your answer'); // a member who has not answered
    expect(await view(members[5]!, teamChannel(2))).toMatch(/only be used from a channel of that team/);
    await h.app.followUps.settled();
    expect(h.connector.sentTo(where.channelId).length).toBe(putsBefore); // a view writes nothing to the channel
    expect(await h.app.store.responses.query({ partitionKey: person(690).aadObjectId })).toEqual([]);
  });

  it('stops nudging a team the bot was removed from, and starts again when added back', async () => {
    await h.post(botRemovedFromTeam(h.connector.url, where));
    const removed = await h.app.store.teams.get(where.teamId, where.teamId);
    expect(removed?.status).toBe('removed');
    expect(removed?.nextDueAt).toBeUndefined();
    clock = new Date('2026-12-07T09:00:30.000Z');
    const before = h.connector.sentTo(where.channelId).length;
    await h.app.delivery.tick(clock);
    expect(h.connector.sentTo(where.channelId).length).toBe(before);

    await h.post(botAddedToTeam(h.connector.url, where));
    const back = await h.app.store.teams.get(where.teamId, where.teamId);
    expect(back?.status).toBe('active');
    expect(back?.nextDueAt).toBe('2026-12-14T09:00:00.000Z');
    const intro = cardText(cardOf(h.connector.sentTo(where.channelId).at(-1)));
    expect(intro).toMatch(/Hello, team/);
    // A team nudge was posted before the bot was removed: the introduction says "next", with the date.
    expect(intro).toContain('The next one comes on Monday 14 December 2026, 09:00 (Europe/London)');
    expect(intro).not.toMatch(/first one/i);
  });
});
