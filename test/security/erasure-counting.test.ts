import { sentDelivery } from '../support/sent-delivery';
import { loadContent } from '../../src/content/load';
import { memberKey } from '../../src/conversation/member-key';
import { serverKey } from '../../src/conversation/server-key';
import { practiceGroupId } from '../../src/domain';
import { recordPracticeMembership } from '../../src/practice';
import { seedPractice } from '../practice/seed-practice';
import type { AggregateRecord, DeliveryRecord } from '../../src/domain';
import {
  cardActionActivity,
  installActivity,
  messageActivity,
  person,
  TENANT,
  type Person,
} from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { STORE_KINDS, type StoreKind } from '../support/stores';
import { botAddedToTeam, channelCardAction, teamChannel, type TeamChannel } from '../team/team-activities';
import { storeFor } from '../team/test-stores';

/**
 * Security review 2026-12-07 N2: "delete my data" must not reset distinct-person counting. One
 * person answering, erasing and answering again (5 cycles) never unlocks any result: not a team poll,
 * not a practice's poll, not the self-ratings insights show. (Erasure also drops the person from their
 * practice; a later roster read puts them back, which the test does after each erasure.)
 */

const content = loadContent();
type InvokeBody = { statusCode: number; value: Record<string, unknown> };
const invokeText = (res: { body: unknown }): string => cardText((res.body as InvokeBody).value);

describe.each<StoreKind>(STORE_KINDS)('answer, erase, answer again (%s store)', (kind) => {
  let h: Harness;
  let clock = new Date('2026-11-26T10:00:00.000Z');
  const VIEWER = person(9900);

  beforeAll(async () => {
    h = await startHarness({
      store: storeFor(kind),
      now: () => clock,
      env: { ALLOWED_TENANTS: TENANT },
    });
  });
  afterAll(async () => h.close());

  const erase = async (p: Person) => {
    expect((await h.post(cardActionActivity(p, h.connector.url, 'data.delete.confirm', {}))).status).toBe(200);
    expect(await h.app.store.responses.count({ partitionKey: p.aadObjectId })).toBe(0);
  };

  it('counts a team member once however often they erase and answer the team poll again', async () => {
    const where: TeamChannel = teamChannel(990);
    await h.post(botAddedToTeam(h.connector.url, where));
    clock = new Date('2026-11-30T09:00:30.000Z'); // the team's first Monday slot
    await h.app.delivery.tick(clock);
    const delivery = ((await h.app.store.deliveries.query({ partitionKey: where.teamId })) as DeliveryRecord[])[0]!;
    const nudge = content.teamNudges!.find((n) => n.id === delivery.teamNudgeId)!;
    const answer = (p: Person, optionId: string) =>
      h.post(
        channelCardAction(p, h.connector.url, where, 'team.poll.answer', {
          teamId: where.teamId,
          deliveryId: delivery.id,
          nudgeId: nudge.id,
          pollId: nudge.poll.id,
          optionId,
        }),
      );
    const [attackerOption, victimOption] = [nudge.poll.options[0]!.id, nudge.poll.options[1]!.id];
    const victim = person(9901);
    const attacker = person(9902);
    expect(invokeText(await answer(victim, victimOption))).toMatch(/4 more needed/);
    for (let cycle = 0; cycle < 5; cycle++) {
      const text = invokeText(await answer(attacker, attackerOption));
      expect(text).not.toMatch(/Team results/);
      expect(text).toMatch(/3 more needed/);
      await erase(attacker);
    }
    await h.app.followUps.settled();
    const shared = h.connector
      .sentTo(where.channelId)
      .filter((a) => a.method === 'PUT')
      .map((a) => cardText(cardOf(a)));
    expect(shared.join('\n')).not.toMatch(/Team results/);
    const aggs = (await h.app.store.aggregates.query({ partitionKey: where.teamId })) as AggregateRecord[];
    expect(aggs.map((a) => [a.total, a.published])).toEqual([[2, undefined]]);
  });

  it("counts a person once in the practice's poll and its self-ratings however often they erase", async () => {
    const nudge = content.nudges[0]!;
    const [victim, attacker] = [person(9911), person(9912)];
    const practiceId = await seedPractice(h.app.store, {
      tenantId: TENANT,
      teamId: '19:team-9910@thread.tacv2',
      name: 'Erasure Practice',
      leadId: VIEWER.aadObjectId,
      members: [VIEWER, victim, attacker].map((p) => p.aadObjectId),
    });
    /** What the next roster read does for someone still in the practice's team: records them again. */
    const rosterReadsAgain = async (p: Person) =>
      recordPracticeMembership(
        h.app.store,
        {
          tenantId: TENANT,
          teamId: '19:team-9910@thread.tacv2',
          key: memberKey(await serverKey({ store: h.app.store, config: {} }), TENANT, p.aadObjectId),
          userId: p.aadObjectId,
        },
        'joined',
        clock.toISOString(),
      );
    const group = practiceGroupId(practiceId);
    let seq = 0;
    /** A delivery of `nudge` to `p`, as the weekly run stores it; the person answers it over HTTP. */
    const deliver = async (p: Person) => {
      const created = await h.app.store.deliveries.create(sentDelivery(p, nudge, `seed-${++seq}`, clock.toISOString()));
      return created.id;
    };
    const answer = async (p: Person, optionId: string, rating: string) => {
      expect((await h.post(installActivity(p, h.connector.url))).status).toBeLessThan(300);
      const deliveryId = await deliver(p);
      return h.post(
        cardActionActivity(p, h.connector.url, 'poll.answer', {
          deliveryId,
          nudgeId: nudge.id,
          pollId: nudge.poll.id,
          optionId,
          rating,
        }),
      );
    };
    await answer(victim, nudge.poll.options[0]!.id, '2');
    for (let cycle = 0; cycle < 5; cycle++) {
      clock = new Date(clock.getTime() + 60_000);
      const text = invokeText(await answer(attacker, nudge.poll.options[1]!.id, '5'));
      expect(text).toMatch(/Thank you for answering/);
      expect(text).not.toMatch(/Results from/);
      await erase(attacker);
      await rosterReadsAgain(attacker);
    }
    const agg = (await h.app.store.aggregates.get(group, `${group}|${nudge.poll.id}`)) as AggregateRecord;
    expect([agg.total, agg.raters, agg.published]).toEqual([2, 2, undefined]);
    // what the practice's lead sees in insights: no answers and no self-rating for this poll
    await h.post(installActivity(VIEWER, h.connector.url));
    await h.post(messageActivity(VIEWER, h.connector.url, 'insights'));
    const insights = cardText(cardOf(h.connector.sentTo(VIEWER.conversationId).at(-1)));
    expect(insights).toMatch(/Poll answers/);
    expect(insights).not.toMatch(/self-rating \d/);
  });

  it('still counts a person who erased and then answers a poll they were never counted in', async () => {
    const nudge = content.nudges[1]!;
    const p = person(9921);
    const practiceId = await seedPractice(h.app.store, {
      tenantId: TENANT,
      teamId: '19:team-9920@thread.tacv2',
      name: 'Fresh Practice',
      leadId: p.aadObjectId,
      members: [p.aadObjectId],
    });
    const group = practiceGroupId(practiceId);
    await h.post(installActivity(p, h.connector.url));
    await erase(p);
    await h.post(installActivity(p, h.connector.url));
    await recordPracticeMembership(
      h.app.store,
      {
        tenantId: TENANT,
        teamId: '19:team-9920@thread.tacv2',
        key: memberKey(await serverKey({ store: h.app.store, config: {} }), TENANT, p.aadObjectId),
        userId: p.aadObjectId,
      },
      'joined',
      clock.toISOString(),
    ); // the next roster read
    const { id } = await h.app.store.deliveries.create(sentDelivery(p, nudge, 'seed-fresh', clock.toISOString()));
    const data = { deliveryId: id, nudgeId: nudge.id, pollId: nudge.poll.id };
    await h.post(
      cardActionActivity(p, h.connector.url, 'poll.answer', { ...data, optionId: nudge.poll.options[0]!.id }),
    );
    // changing the answer moves their one vote, it does not add a second
    await h.post(
      cardActionActivity(p, h.connector.url, 'poll.answer', { ...data, optionId: nudge.poll.options[1]!.id }),
    );
    const agg = (await h.app.store.aggregates.get(group, `${group}|${nudge.poll.id}`)) as AggregateRecord;
    expect(agg.total).toBe(1);
    expect(agg.counts[nudge.poll.options[1]!.id]).toBe(1);
    // and nothing stored beside the count names them
    expect(JSON.stringify(await h.app.store.aggregates.query({}))).not.toContain(p.aadObjectId);
  });
});
