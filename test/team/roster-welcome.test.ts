import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { cardActionActivity, person, type ActivityJson, type Person } from '../support/activities';
import { serveRoster, type ConnectorRoster } from '../support/connector-roster';
import type { RolloutRecord } from '../../src/domain';
import { botAddedToTeam, botRemovedFromTeam, channelMessage, teamChannel, type TeamChannel } from './team-activities';
import { openTestStore } from '../support/stores';
import { VirtualClock } from '../support/virtual-clock';
import { createCliContext } from '../../src/cli/context';
import { runRollout } from '../../src/cli/rollout';

const DAY_MS = 86_400_000;
const THURSDAY = new Date('2026-11-26T10:00:00.000Z');

/** Members 1..n of a practice, as people with Teams ids and Entra ids. */
const people = (from: number, n: number): Person[] => Array.from({ length: n }, (_, i) => person(700 + from + i));
const asRoster = (ps: Person[]) =>
  ps.map((p) => ({ teamsId: p.teamsId, aadObjectId: p.aadObjectId, tenantId: p.tenantId }));

/** A person (not the bot) joining or leaving a team, as Teams sends it. */
function memberChange(serviceUrl: string, where: TeamChannel, p: Person, change: 'added' | 'removed'): ActivityJson {
  const a = botAddedToTeam(serviceUrl, where);
  delete a.membersAdded;
  return {
    ...a,
    id: `f:member-${change}-${Math.random()}`,
    ...(change === 'added' ? { membersAdded: [{ id: p.teamsId }] } : { membersRemoved: [{ id: p.teamsId }] }),
    channelData: {
      ...(a.channelData as object),
      eventType: change === 'added' ? 'teamMemberAdded' : 'teamMemberRemoved',
    },
  };
}

/**
 * On the Cosmos store only: who is welcomed, reminded and counted does not depend on the store. Fourteen
 * members in pages of 5 (three pages) show it as thirty in pages of 12 did. Teams' rate limit is kept on
 * a virtual clock: every turn and tick runs under `run`, and the engine's waits take no real time.
 */
describe('rolling out to a whole team from one install (cosmos store)', () => {
  let h: Harness;
  let roster: ConnectorRoster;
  let clock = THURSDAY;
  const virtual = new VirtualClock();
  const run = <T>(work: Promise<T>): Promise<T> => virtual.run(work);
  const teamA = teamChannel(71);
  const teamB = teamChannel(72);
  const staff = people(1, 14);
  const chatOf = (p: Person) => roster.conversationIdOf(p.teamsId);
  const messagesTo = (p: Person) => h.connector.sentTo(chatOf(p)).filter((a) => a.method === 'POST');
  const textsTo = (p: Person) => messagesTo(p).map((a) => cardText(cardOf(a)));
  /** An Action.Execute from the person's 1:1 chat with the bot. */
  const press = (p: Person, verb: string, data: unknown = { source: 'invite' }) =>
    post(cardActionActivity({ ...p, conversationId: chatOf(p) }, h.connector.url, verb, data));
  const post = (activity: ActivityJson) => run(h.post(activity));
  const tick = () => run(h.app.delivery.tick());

  beforeAll(async () => {
    h = await startHarness({ store: openTestStore('cosmos'), now: () => clock, timing: virtual.timing });
    roster = serveRoster(h.connector, { maxPageSize: 5 });
    roster.setMembers(teamA.teamId, asRoster(staff));
  });
  afterAll(async () => {
    await h.close();
  });

  it('welcomes each of 14 members once, in a 1:1 chat it opens, with Start my nudges and No thanks', async () => {
    expect((await post(botAddedToTeam(h.connector.url, teamA))).status).toBeLessThan(300);
    // The install turn only queues the read: the engine's tick reads the roster.
    expect(roster.pageReads.filter((r) => r.teamId === teamA.teamId)).toHaveLength(0);
    const counters = await tick();
    // 14 members at (at most) 5 a page: three pages, following the continuation token.
    expect(roster.pageReads.filter((r) => r.teamId === teamA.teamId)).toHaveLength(3);
    expect(counters.sent).toBe(14);
    expect(roster.created.map((c) => c.userTeamsId).sort()).toEqual(staff.map((p) => p.teamsId).sort());
    expect(roster.created.every((c) => c.botId.startsWith('28:') && c.tenantId === staff[0]!.tenantId)).toBe(true);
    for (const p of staff) {
      const texts = textsTo(p);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toMatch(/Start my nudges/);
      expect(texts[0]).toMatch(/No thanks/);
    }
    // Only ids are kept: no name, e-mail or UPN from the roster reaches the store.
    const stored = JSON.stringify([
      await h.app.store.users.query({}),
      await h.app.store.rollout.query({ partitionKey: staff[0]!.tenantId }),
    ]);
    expect(stored).not.toMatch(/Member \d|example\.nhs\.net/);
    const rollout = await h.app.store.rollout.query({ partitionKey: staff[0]!.tenantId });
    expect(JSON.stringify(rollout)).not.toContain(staff[0]!.aadObjectId);
    expect(rollout.every((r: RolloutRecord) => typeof r.ttl === 'number' && r.ttl > 0)).toBe(true);
  });

  it('welcomes nobody again when the bot is re-added, or added to a second team with the same people', async () => {
    await post(botRemovedFromTeam(h.connector.url, teamA));
    await post(botAddedToTeam(h.connector.url, teamA));
    const newcomers = people(15, 2);
    roster.setMembers(teamB.teamId, asRoster([...staff.slice(0, 10), ...newcomers]));
    await post(botAddedToTeam(h.connector.url, teamB));
    await tick();
    await tick();
    for (const p of staff) expect(messagesTo(p)).toHaveLength(1);
    for (const p of newcomers) expect(messagesTo(p)).toHaveLength(1);
  });

  it('sends nobody a weekly nudge before they press Start; Start begins them, No thanks ends everything', async () => {
    const [starter, decliner] = staff as [Person, Person];
    const start = await press(starter, 'consent.start');
    expect(start.status).toBe(200);
    const decline = await press(decliner, 'consent.decline');
    expect(cardText((decline.body as { value: unknown }).value)).toMatch(/not ask again/);
    expect(await h.app.store.users.get(decliner.aadObjectId, decliner.aadObjectId)).toBeUndefined();

    clock = new Date('2026-11-30T10:30:00.000Z'); // Monday: the default weekly slot (09:00-09:59) has passed
    await tick();
    expect(textsTo(starter)).toHaveLength(2); // the welcome, then the first weekly nudge
    expect(messagesTo(starter)[1]?.body.summary).toMatch(/^This week:/);
    for (const p of staff.slice(2)) expect(messagesTo(p)).toHaveLength(1); // still only the welcome
    expect(messagesTo(decliner)).toHaveLength(1);
  });

  it('sends the one reminder a week after the welcome, once, then nothing', async () => {
    clock = new Date(THURSDAY.getTime() + 7 * DAY_MS + 60_000);
    await tick();
    await tick();
    const pending = staff.slice(2);
    for (const p of pending) {
      const texts = textsTo(p);
      expect(texts).toHaveLength(2);
      expect(texts[1]).toMatch(/only reminder/);
    }
    expect(messagesTo(staff[1]!)).toHaveLength(1); // declined: no reminder
    clock = new Date(THURSDAY.getTime() + 35 * DAY_MS);
    await tick();
    for (const p of pending) expect(messagesTo(p)).toHaveLength(2);
  });

  it('never invites again someone who said No thanks, and welcomes a member who joins later once', async () => {
    const decliner = staff[1]!;
    const joiner = person(799);
    roster.setMembers(teamA.teamId, asRoster([...staff, joiner]));
    await post(memberChange(h.connector.url, teamA, joiner, 'added'));
    await post(memberChange(h.connector.url, teamA, joiner, 'added')); // Teams may send it twice
    await post(botRemovedFromTeam(h.connector.url, teamA));
    await post(botAddedToTeam(h.connector.url, teamA));
    await tick();
    expect(messagesTo(joiner)).toHaveLength(1);
    expect(messagesTo(decliner)).toHaveLength(1);
    expect(await h.app.store.users.get(decliner.aadObjectId, decliner.aadObjectId)).toBeUndefined();
  });

  it('shows the team its roll-out as counts only, and members who leave stop counting', async () => {
    const leaver = staff[13]!;
    roster.setMembers(teamA.teamId, asRoster([...staff.slice(0, 13), person(799)]));
    await post(memberChange(h.connector.url, teamA, leaver, 'removed'));
    const inChannel = () => h.connector.activities.filter((a) => a.conversationId.startsWith(teamA.channelId));
    const before = inChannel().length;
    await post(channelMessage(staff[0]!, h.connector.url, teamA, 'status'));
    const reply = inChannel().slice(before);
    expect(reply).toHaveLength(1);
    const text = cardText(cardOf(reply[0]));
    // 1 started and 1 declined would point at people: small cells are not shown (README, Privacy).
    expect(text).toContain(
      'About 10-19 members: fewer than 5 have started, or fewer than 5 have not, so no figures are shown.',
    );
    expect(text).not.toMatch(/declined|\b1 started/);
    // Short lines, not one long sentence.
    expect(text).toMatch(
      /^\*\*Personal nudges:\*\* About 10-19 members: .*\n\n- Counts only: .*\n\n- Figures are shown in bands/m,
    );
    expect(text).not.toMatch(/user-07|Member/);

    const printed: string[] = [];
    const cli = createCliContext({ config: h.config, store: h.app.store, now: () => clock });
    expect(await runRollout(['--team', teamA.teamId, '--json'], cli, (t) => printed.push(t))).toBe(0);
    expect(JSON.parse(printed[0]!)).toEqual({
      teamId: teamA.teamId,
      members: 14,
      threshold: 5,
    });
  });
});
