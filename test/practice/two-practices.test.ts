import { firstReply } from '../support/connector-double';
import { sentDelivery } from '../support/sent-delivery';
import { runRosterJobs } from '../../src/delivery/roster-jobs';
import { tickContextFor } from '../../src/delivery/run-tick';
import { applyCountChange } from '../../src/conversation/running-counts';
import { loadContent } from '../../src/content/load';
import { practiceGroupId, type AggregateRecord } from '../../src/domain';
import { practicesLedBy } from '../../src/practice';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import {
  installActivity,
  messageActivity,
  person,
  startNudgesActivity,
  teamAddedActivity,
  type Person,
} from '../support/activities';
import { serveRoster } from '../support/connector-roster';
import { pollAnswer, type NudgeOnCard } from '../support/nudged-person';
import {
  botAddedToTeam,
  channelCardAction,
  channelMessage,
  teamChannel,
  type TeamChannel,
} from '../team/team-activities';
import { storeFor, type StoreKind } from '../team/test-stores';

/**
 * Two practices in one shared tenant (as NHSmail is), end to end through the bot over HTTP: each lead
 * sees only their practice's figures, a plain member none, someone in no practice none (and is told
 * why), and nothing counted across practices (nor the tenant-wide counts kept before) appears anywhere.
 */

const A: TeamChannel = teamChannel(41);
const B: TeamChannel = teamChannel(42);
const LEAD_A = person(401);
const LEAD_B = person(411);
const MEMBER_A = person(402);
const BOTH = person(450); // in a team of each practice
const OUTSIDER = person(499); // in no practice team
const teamA = [401, 402, 403, 404, 405, 406].map((n) => person(n)).concat(BOTH);
const teamB = [411, 412, 413, 414, 415, 416].map((n) => person(n)).concat(BOTH);
const content = loadContent();

/** Every string in a card (texts, labels, values), recursively. */
function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => strings(n, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((n) => strings(n, out));
  return out;
}

/** The numbers a card shows as whole cells or counts ("5", "7 opens", "10 answers"...). */
const numbersIn = (card: unknown): number[] =>
  strings(card).flatMap((s) => [...s.matchAll(/(?<![\w.:-])(\d+)(?![\w.:-])/g)].map((m) => Number(m[1])));

describe.each<StoreKind>(['embedded', 'cosmos'])('two practices in one tenant (%s store)', (kind) => {
  let h: Harness;
  const nudges = new Map<string, NudgeOnCard>();

  const lastCardTo = (p: Person) => cardOf(h.connector.sentTo(p.conversationId).at(-1));
  const say = async (p: Person, text: string) => {
    await h.app.followUps.settled(); // earlier clicks' cards written back land first
    await h.post(messageActivity(p, h.connector.url, text));
    return lastCardTo(p);
  };
  const sayInChannel = async (p: Person, where: TeamChannel, text: string) => {
    await h.app.followUps.settled(); // earlier clicks' cards written back land first
    const before = h.connector.activities.length;
    await h.post(channelMessage(p, h.connector.url, where, text));
    return cardOf(firstReply(h.connector.activities, before));
  };
  const act = async (p: Person, where: TeamChannel, verb: string, data: unknown) => {
    const res = await h.post(channelCardAction(p, h.connector.url, where, verb, data));
    return (res.body as { value: unknown }).value;
  };
  const addBot = async (where: TeamChannel, adder: Person, members: Person[]) => {
    roster.setMembers(
      where.teamId,
      members.map((p) => ({ teamsId: p.teamsId, aadObjectId: p.aadObjectId, tenantId: p.tenantId })),
    );
    const added = teamAddedActivity(h.connector.url, {
      teamId: where.teamId,
      channelId: where.channelId,
      fromAad: adder.aadObjectId,
    });
    expect((await h.post({ ...added, id: `f:added-${where.teamId}` })).status).toBeLessThan(300);
    // The engine reads the roster outside the turn: run its roster jobs now.
    await runRosterJobs(tickContextFor(h.app.delivery.deps));
  };
  let roster: ReturnType<typeof serveRoster>;
  /** This week's nudge as the weekly run leaves it: one sent delivery of the same nudge for everyone. */
  const deliverFirstNudge = async (p: Person): Promise<NudgeOnCard> => {
    const nudge = content.nudges[0]!;
    const at = new Date().toISOString();
    const { id } = await h.app.store.deliveries.create(sentDelivery(p, nudge, '2026-W49', at));
    return {
      person: p,
      deliveryId: id,
      nudgeId: nudge.id,
      pollId: nudge.poll.id,
      optionIds: nudge.poll.options.map((o) => o.id),
    };
  };

  beforeAll(async () => {
    h = await startHarness({ store: storeFor(kind) });
    roster = serveRoster(h.connector);
    await addBot(A, LEAD_A, teamA);
    await addBot(B, LEAD_B, teamB);
    const setUpA = await act(LEAD_A, A, 'team.practice.setup', {
      practiceName: 'Riverside Surgery',
      place: 'england:london',
      odsCode: 'a81001',
    });
    expect(cardText(setUpA)).toContain('Practice set up');
    const setUpB = await act(LEAD_B, B, 'team.practice.setup', {
      practiceName: 'Hillview Medical Centre',
      place: 'wales',
    });
    expect(cardText(setUpB)).toContain('Practice set up');
    // Results kept per tenant before practices existed: 40 people pooled from every practice of the tenant.
    const poll = content.nudges[0]!.poll;
    for (let i = 0; i < 40; i++) {
      await applyCountChange(
        h.app.store,
        {
          groupId: LEAD_A.tenantId,
          tenantId: LEAD_A.tenantId,
          pollId: poll.id,
          behaviourId: content.nudges[0]!.behaviour,
          to: { optionId: poll.options[0]!.id },
          opId: `old-${i}`,
        },
        new Date().toISOString(),
        { publishStep: 5 },
      );
    }
    expect((await h.post(installActivity(OUTSIDER, h.connector.url))).status).toBeLessThan(300);
    for (const p of [...teamA, ...teamB.filter((x) => x !== BOTH), OUTSIDER]) {
      const n = await deliverFirstNudge(p);
      nudges.set(p.aadObjectId, n);
      const res = await h.post(pollAnswer(h, n, n.optionIds[0]!));
      expect(res.status).toBeLessThan(300);
    }
  }, 240_000);
  afterAll(async () => {
    await h.close();
  });

  it("counts each practice's answers on their own: a member's card shows their practice's 5, never the tenant's", async () => {
    const n = nudges.get(MEMBER_A.aadObjectId)!;
    const card = (await h.post(pollAnswer(h, n, n.optionIds[0]!))).body as { value: unknown };
    const text = cardText(card.value);
    expect(text).toContain('Results from Riverside Surgery: 5 people');
    expect(text).not.toContain('Hillview');
    // 7 answered in A, 7 in B (one person in both), 1 in no practice, 40 pooled before: none of those shows
    for (const pooled of [14, 15, 40, 45, 50, 55]) expect(numbersIn(card.value)).not.toContain(pooled);
  });

  it('counts a person in both practices once in each, and shows them their first practice by name', async () => {
    const store = h.app.store;
    const pollId = nudges.get(BOTH.aadObjectId)!.pollId;
    const [a] = await practicesLedBy(store, LEAD_A.tenantId, LEAD_A.aadObjectId);
    const [b] = await practicesLedBy(store, LEAD_B.tenantId, LEAD_B.aadObjectId);
    const countA = (await store.aggregates.get(
      practiceGroupId(a!.practiceId),
      `${practiceGroupId(a!.practiceId)}|${pollId}`,
    )) as AggregateRecord;
    const countB = (await store.aggregates.get(
      practiceGroupId(b!.practiceId),
      `${practiceGroupId(b!.practiceId)}|${pollId}`,
    )) as AggregateRecord;
    expect(countA.total).toBe(7);
    expect(countB.total).toBe(7);
    const text = cardText(
      (await h.post(pollAnswer(h, nudges.get(BOTH.aadObjectId)!, nudges.get(BOTH.aadObjectId)!.optionIds[0]!)))
        .body as never,
    );
    expect(text).toMatch(/Results from (Hillview Medical Centre|Riverside Surgery): 5 people/);
  });

  it("gives each lead their own practice's insights in personal chat, and nothing pooled", async () => {
    const cardA = await say(LEAD_A, 'insights');
    const textA = cardText(cardA);
    expect(textA).toContain('Riverside Surgery');
    expect(textA).not.toContain('Hillview');
    expect(textA).toContain('Nudges delivered');
    expect(JSON.stringify(cardA)).toMatch(/"text":"7"/); // the 7 people of A were nudged
    const cardB = await say(LEAD_B, 'insights');
    expect(cardText(cardB)).toContain('Hillview Medical Centre');
    expect(cardText(cardB)).not.toContain('Riverside');
    for (const card of [cardA, cardB]) {
      for (const pooled of [14, 15, 40, 45]) expect(numbersIn(card)).not.toContain(pooled);
    }
  });

  it('gives a plain member no figures in personal chat, and says who sees them', async () => {
    const card = await say(MEMBER_A, 'insights');
    expect(cardText(card)).toMatch(/for your practice's leads/);
    expect(numbersIn(card)).toEqual([]);
  });

  it('tells someone in no practice team plainly why they see no group results, and keeps their own answer', async () => {
    const n = nudges.get(OUTSIDER.aadObjectId)!;
    const text = cardText(((await h.post(pollAnswer(h, n, n.optionIds[0]!))).body as { value: unknown }).value);
    expect(text).toMatch(/Your answer is saved for you/);
    expect(text).toMatch(/not in a team that has been set up as a practice's/);
    expect(text).not.toContain('Results from');
    const insights = await say(OUTSIDER, 'insights');
    expect(cardText(insights)).toMatch(/not in a team that has been set up as a practice's/);
    expect(numbersIn(insights)).toEqual([]);
  });

  it("refuses 'insights' in B's channel from someone not in B (a lead of A), showing nothing of B", async () => {
    const card = await sayInChannel(LEAD_A, B, 'insights');
    expect(cardText(card)).toMatch(/not available here/);
    expect(cardText(card)).not.toContain('Hillview');
    expect(numbersIn(card)).toEqual([]);
  });

  it("refuses a forged practice id in card data: a lead of A cannot change B's settings or leads", async () => {
    const [b] = await practicesLedBy(h.app.store, LEAD_B.tenantId, LEAD_B.aadObjectId);
    const value = await act(LEAD_A, A, 'team.practice.save', {
      practiceId: b!.practiceId,
      practiceName: 'Taken over',
      place: 'wales',
      leads: LEAD_A.aadObjectId,
    });
    expect(cardText(value)).toMatch(/Only a lead of this practice/);
    const after = await practicesLedBy(h.app.store, LEAD_B.tenantId, LEAD_B.aadObjectId);
    expect(after.map((p) => p.name)).toEqual(['Hillview Medical Centre']);
    expect(await practicesLedBy(h.app.store, LEAD_A.tenantId, LEAD_A.aadObjectId)).toHaveLength(1);
  });

  it('refuses a lead who is not a member of the practice, and stops showing figures to a lead removed mid-week', async () => {
    const [a] = await practicesLedBy(h.app.store, LEAD_A.tenantId, LEAD_A.aadObjectId);
    const save = (who: Person, leads: string) =>
      act(who, A, 'team.practice.save', {
        practiceId: a!.practiceId,
        practiceName: 'Riverside Surgery',
        place: 'england:london',
        leads,
      });
    expect(cardText(await save(LEAD_A, `${LEAD_A.aadObjectId},${person(412).aadObjectId}`))).toMatch(
      /Leads must be members of the practice/,
    );
    expect(cardText(await save(LEAD_A, `${LEAD_A.aadObjectId},${MEMBER_A.aadObjectId}`))).toContain(
      'Practice settings saved',
    );
    // the new lead removes the first one in the middle of the week
    expect(cardText(await save(MEMBER_A, MEMBER_A.aadObjectId))).toContain('Practice settings saved');
    const refused = await say(LEAD_A, 'insights');
    expect(cardText(refused)).toMatch(/for your practice's leads/);
    expect(numbersIn(refused)).toEqual([]);
    expect(cardText(await save(LEAD_A, LEAD_A.aadObjectId))).toMatch(/Only a lead of this practice/);
    expect(cardText(await say(MEMBER_A, 'insights'))).toContain('Riverside Surgery');
  });

  it("gives a new member the practice's nation and default weekly slot once a lead set them; they can change their own", async () => {
    const [b] = await practicesLedBy(h.app.store, LEAD_B.tenantId, LEAD_B.aadObjectId);
    const saved = await act(LEAD_B, B, 'team.practice.save', {
      practiceId: b!.practiceId,
      practiceName: 'Hillview Medical Centre',
      place: 'wales',
      day: 'thu',
      time: '08:15',
      timeZone: 'Europe/London',
      leads: LEAD_B.aadObjectId,
    });
    expect(cardText(saved)).toContain('Practice settings saved');
    const newcomer = person(417);
    roster.setMembers(
      B.teamId,
      [...teamB, newcomer].map((p) => ({ teamsId: p.teamsId, aadObjectId: p.aadObjectId, tenantId: p.tenantId })),
    );
    const joined = botAddedToTeam(h.connector.url, B);
    delete joined.membersAdded;
    await h.post({
      ...joined,
      id: `f:member-added-${newcomer.teamsId}`,
      membersAdded: [{ id: newcomer.teamsId }],
      channelData: { ...(joined.channelData as object), eventType: 'teamMemberAdded' },
    });
    const user = await h.app.store.users.get(newcomer.aadObjectId, newcomer.aadObjectId);
    expect(user?.prefs).toMatchObject({ place: 'wales', day: 'thu', time: '08:15', timeZone: 'Europe/London' });
    // someone met before the defaults were set keeps their own
    const earlier = await h.app.store.users.get(person(412).aadObjectId, person(412).aadObjectId);
    expect(earlier?.prefs.day).toBe('mon');
    // the newcomer can change their own
    const own = await h.post(
      startNudgesActivity(newcomer, h.connector.url, { day: 'fri', time: '10:00', place: 'england:london' }),
    );
    expect(own.status).toBeLessThan(300);
    const after = await h.app.store.users.get(newcomer.aadObjectId, newcomer.aadObjectId);
    expect(after?.prefs).toMatchObject({ day: 'fri', time: '10:00', place: 'england:london' });
  });
});
