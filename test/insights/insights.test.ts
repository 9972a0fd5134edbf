import { firstReply } from '../support/connector-double';
import { cardText, startHarness, type Harness } from '../support/bot-harness';
import { messageActivity, person, type Person } from '../support/activities';
import {
  botAddedToTeam,
  channelCardAction,
  channelMessage,
  teamChannel,
  type TeamChannel,
} from '../team/team-activities';
import { storeFor, type StoreKind } from '../team/test-stores';
import { practiceNameOf, SECRET, seedPeople } from './seed-people';

const OTHER_TENANT = '72f988bf-0000-0000-0000-000000000002';
const VIEWER = person(900);
const SMALL_VIEWER = person(901, OTHER_TENANT);

/** Every string in a card (texts, labels, values), recursively. */
function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => strings(n, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((n) => strings(n, out));
  return out;
}

/** Fails when any figure (any digit outside the fixed wording) appears anywhere in the card JSON. */
function expectNoFigures(card: Record<string, unknown>): void {
  const allowed = [/last (4|12) weeks/gi, /fewer than 5/gi, /5 or more people/gi, /^1\.5$/];
  const leaks = strings(card)
    .map((s) => allowed.reduce((t, re) => t.replace(re, ''), s))
    .filter((s) => /\d/.test(s));
  expect(leaks).toEqual([]);
  expect(JSON.stringify(card)).not.toContain('Chart.VerticalBar');
}

describe.each<StoreKind>(['embedded', 'cosmos'])('insights (%s store)', (kind) => {
  let h: Harness;
  let clock = new Date('2026-11-26T10:00:00.000Z');
  const big: TeamChannel = teamChannel(21);
  const small: TeamChannel = teamChannel(22);

  const insightsIn = async (where: TeamChannel, p: Person) => {
    await h.app.followUps.settled(); // the shared card written back after the poll answers lands first
    const before = h.connector.activities.length;
    await h.post(channelMessage(p, h.connector.url, where, 'insights'));
    const reply = firstReply(h.connector.activities, before);
    return (reply?.body.attachments as { content: Record<string, unknown> }[])[0]!.content;
  };

  const answerAll = async (where: TeamChannel, people: Person[]) => {
    const [delivery] = await h.app.store.deliveries.query({ partitionKey: where.teamId });
    const posted = h.connector.sentTo(where.channelId).find((a) => a.assignedId === delivery?.activityId);
    const json = JSON.stringify(posted?.body);
    const data = JSON.parse(
      /"verb":"team.poll.answer","style":"positive","data":(\{[^}]*\})/.exec(json)![1]!,
    ) as object;
    const option = /"choices":\[\{"title":"[^"]*","value":"([^"]+)"/.exec(json)![1]!;
    for (const p of people) {
      const res = await h.post(
        channelCardAction(p, h.connector.url, where, 'team.poll.answer', { ...data, optionId: option }),
      );
      expect(cardText((res.body as { value: unknown }).value)).toContain('Team');
    }
  };

  beforeAll(async () => {
    h = await startHarness({
      store: storeFor(kind),
      now: () => clock,
      env: { INSIGHTS_VIEWERS: `${VIEWER.aadObjectId},${SMALL_VIEWER.aadObjectId}` },
    });
    await h.post(botAddedToTeam(h.connector.url, big));
    await h.post(botAddedToTeam(h.connector.url, small));
    clock = new Date('2026-11-30T09:01:00.000Z');
    await h.app.delivery.tick(clock);
    await answerAll(
      big,
      [1, 2, 3, 4, 5, 6].map((n) => person(700 + n)),
    );
    await answerAll(
      small,
      [1, 2, 3, 4].map((n) => person(800 + n)),
    );
    await seedPeople(h.app.store, VIEWER.tenantId, 6, 100);
    await seedPeople(h.app.store, OTHER_TENANT, 3, 200);
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows a team of 6 who answered its figures, counts only, as published at 5 people', async () => {
    const card = await insightsIn(big, person(701));
    const text = cardText(card);
    expect(text).toContain('Team poll answers');
    // results are published in steps of 5 people: the sixth waits for four more (no differencing)
    expect(JSON.stringify(card)).toMatch(/"text":"5"/);
    expect(text).toMatch(/5 answers; most said/);
    expect(JSON.stringify(card)).toContain('Chart.VerticalBar');
    expect(text).not.toContain(person(701).aadObjectId);
  });

  it('carries every figure of the chart in text as well (Teams mobile does not draw charts)', async () => {
    const card = await insightsIn(big, person(702));
    const charts: { data?: { x: string; y: number }[] }[] = [];
    const withoutCharts = JSON.parse(JSON.stringify(card), (_key, value: unknown) => {
      if (value && typeof value === 'object' && String((value as { type?: unknown }).type).startsWith('Chart.')) {
        charts.push(value as { data?: { x: string; y: number }[] });
        return undefined; // the chart and its fallback go: what is left must still say every number
      }
      return value;
    }) as unknown;
    const points = charts.flatMap((c) => c.data ?? []);
    expect(points.length).toBeGreaterThan(0);
    const text = cardText(withoutCharts);
    for (const { x, y } of points) {
      expect(text).toContain(x);
      expect(text).toMatch(new RegExp(`(^|\\D)${y}(\\D|$)`));
    }
  });

  it('shows no figure about people for a team where only 4 answered, says why, and still counts its posts', async () => {
    const card = await insightsIn(small, person(801));
    const text = cardText(card);
    expect(text).toContain('fewer than 5');
    expect(text).toMatch(/with fewer, a count could point at someone/);
    // "Team nudges posted" is not about people (anyone in the channel can count the posts): shown as it is.
    const json = JSON.stringify(card);
    expect(text).toMatch(/Team nudges posted\n1\n1\n/);
    // Course opens are organisation figures: a team's card has no course section.
    expect(text).not.toMatch(/course links/i);
    expectNoFigures(JSON.parse(json.replace(/"text":"1"/g, '"text":"one"')) as Record<string, unknown>);
  });

  it("shows an INSIGHTS_VIEWERS person (operator override) the tenant's one practice in personal chat, never reflection text", async () => {
    const before = h.connector.activities.length;
    await h.post(messageActivity(VIEWER, h.connector.url, 'insights'));
    const card = (h.connector.activities.at(-1)?.body.attachments as { content: Record<string, unknown> }[])[0]!
      .content;
    expect(h.connector.activities.length).toBeGreaterThan(before);
    const text = cardText(card);
    expect(text).toContain(practiceNameOf(100));
    expect(text).toContain('Nudges delivered');
    // share answered: the 5 people published of the 6 nudged (the sixth waits for 4 more people)
    expect(JSON.stringify(card)).toMatch(/"text":"83%"/);
    expect(text).toMatch(/self-rating 4\.0\/5/);
    expect(JSON.stringify(card)).not.toContain(SECRET);
  });

  it('shows only "fewer than 5" for a practice of 3', async () => {
    await h.post(messageActivity(SMALL_VIEWER, h.connector.url, 'insights'));
    const card = (h.connector.activities.at(-1)?.body.attachments as { content: Record<string, unknown> }[])[0]!
      .content;
    expectNoFigures(card);
  });

  it('politely refuses a member who does not lead in personal chat and shows nothing', async () => {
    await h.post(messageActivity(person(101), h.connector.url, 'insights'));
    const card = (h.connector.activities.at(-1)?.body.attachments as { content: Record<string, unknown> }[])[0]!
      .content;
    expect(cardText(card)).toMatch(/not available here/);
    expectNoFigures(card);
  });
});
