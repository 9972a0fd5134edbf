import { createHash } from 'node:crypto';
import { loadContent } from '../../src/content/load';
import { runRosterJobs } from '../../src/delivery/roster-jobs';
import { tickContextFor } from '../../src/delivery/run-tick';
import type { AggregateRecord, DeliveryRecord, RolloutRecord, UserRecord } from '../../src/domain';
import { cardActionActivity, person, TENANT, type ActivityJson, type Person } from '../support/activities';
import { cardText, startHarness, type Harness } from '../support/bot-harness';
import { serveRoster, type ConnectorRoster } from '../support/connector-roster';
import { STORE_KINDS, type StoreKind } from '../support/stores';
import { botAddedToTeam, channelCardAction, teamChannel, type TeamChannel } from '../team/team-activities';
import { storeFor } from '../team/test-stores';

/**
 * Issue 23.13 (second half) and security review L6 (issue 23.10): a team poll answer from someone no
 * longer on the team's member list is refused; roll-out records use a keyed hash (not the unsalted
 * SHA-256 anyone with the directory can recompute), are erased with the person, and unanswered
 * invitations are kept 90 days, not 730. Records under the old hash are still honoured (re-keyed).
 */

const content = loadContent();
const DAY = 86_400;
type InvokeBody = { statusCode: number; value: Record<string, unknown> };
const invokeText = (res: { body: unknown }): string => cardText((res.body as InvokeBody).value);
const unsalted = (p: Person) => createHash('sha256').update(`${p.tenantId}|${p.aadObjectId}`).digest('hex');
const asRoster = (ps: Person[]) =>
  ps.map((p) => ({ teamsId: p.teamsId, aadObjectId: p.aadObjectId, tenantId: p.tenantId }));

function memberChange(serviceUrl: string, where: TeamChannel, p: Person): ActivityJson {
  const a = botAddedToTeam(serviceUrl, where);
  delete a.membersAdded;
  return {
    ...a,
    id: `f:member-removed-${Math.random()}`,
    membersRemoved: [{ id: p.teamsId }],
    channelData: { ...(a.channelData as object), eventType: 'teamMemberRemoved' },
  };
}

describe.each<StoreKind>(STORE_KINDS)('team members and roll-out records (%s store)', (kind) => {
  let h: Harness;
  let roster: ConnectorRoster;
  let clock = new Date('2026-11-26T10:00:00.000Z');
  const where = teamChannel(960);
  const staff = Array.from({ length: 8 }, (_, i) => person(9600 + i));
  /** Said "No thanks" before keys were keyed: recorded under the old unsalted hash. */
  const declinedLongAgo = person(9620);
  const [stays, leaves, starter] = [staff[0]!, staff[1]!, staff[2]!];
  const outsider = person(9630);
  const rollout = async () => (await h.app.store.rollout.query({ partitionKey: TENANT })) as RolloutRecord[];

  beforeAll(async () => {
    h = await startHarness({ store: storeFor(kind), now: () => clock, env: { ALLOWED_TENANTS: TENANT } });
    roster = serveRoster(h.connector);
    roster.setMembers(where.teamId, asRoster([...staff, declinedLongAgo]));
    await h.app.store.rollout.create({
      id: `person|${unsalted(declinedLongAgo)}`,
      kind: 'person',
      tenantId: TENANT,
      key: unsalted(declinedLongAgo),
      state: 'declined',
      updatedAt: clock.toISOString(),
      ttl: 730 * DAY,
    });
    await h.post(botAddedToTeam(h.connector.url, where));
    // The engine reads the roster outside the turn: run its roster jobs now.
    await runRosterJobs(tickContextFor(h.app.delivery.deps));
  });
  afterAll(async () => h.close());

  it('keys roll-out records with the server key, so hashing a directory finds no one', async () => {
    const records = await rollout();
    expect(records.filter((r) => r.kind === 'member')).toHaveLength(staff.length + 1);
    const all = JSON.stringify(records);
    for (const p of [...staff, declinedLongAgo]) {
      expect(all).not.toContain(unsalted(p));
      expect(all).not.toContain(p.aadObjectId);
    }
  });

  it('still honours a "No thanks" recorded under the old hash: no invitation, the tombstone re-keyed', async () => {
    expect(await h.app.store.users.get(declinedLongAgo.aadObjectId, declinedLongAgo.aadObjectId)).toBeUndefined();
    expect((await rollout()).filter((r) => r.kind === 'person' && r.state === 'declined')).toHaveLength(1);
  });

  it('keeps an unanswered invitation and its roll-out record 90 days, not the 730-day retention', async () => {
    const invitee = (await h.app.store.users.get(stays.aadObjectId, stays.aadObjectId)) as UserRecord;
    expect(invitee.consent?.state).toBe('pending');
    expect(invitee.ttl).toBe(90 * DAY);
    for (const r of await rollout()) {
      if (r.kind === 'person') expect([r.state, r.ttl]).toEqual([r.state, 90 * DAY]);
    }
  });

  it('erases the person\'s team memberships with "delete my data"', async () => {
    const chat = { ...starter, conversationId: roster.conversationIdOf(starter.teamsId) };
    await h.app.delivery.tick(clock); // the welcomes open each 1:1 chat
    expect(
      (await h.post(cardActionActivity(chat, h.connector.url, 'consent.start', { source: 'invite' }))).status,
    ).toBe(200);
    const before = (await rollout()).filter((r) => r.kind === 'member').length;
    await h.post(cardActionActivity(chat, h.connector.url, 'data.delete.confirm', {}));
    const after = await rollout();
    expect(after.filter((r) => r.kind === 'member')).toHaveLength(before - 1);
    // what is left of them: one tombstone ("do not invite again"), kept 90 days
    expect(after.filter((r) => r.kind === 'person' && r.state === 'declined')).toHaveLength(2);
  });

  describe('the team poll', () => {
    let data: Record<string, unknown>;
    let option: string;

    beforeAll(async () => {
      clock = new Date('2026-11-30T09:00:30.000Z');
      await h.app.delivery.tick(clock);
      const delivery = ((await h.app.store.deliveries.query({ partitionKey: where.teamId })) as DeliveryRecord[])[0]!;
      const nudge = content.teamNudges!.find((n) => n.id === delivery.teamNudgeId)!;
      data = { teamId: where.teamId, deliveryId: delivery.id, nudgeId: nudge.id, pollId: nudge.poll.id };
      option = nudge.poll.options[0]!.id;
    });

    const answer = (p: Person) =>
      h.post(channelCardAction(p, h.connector.url, where, 'team.poll.answer', { ...data, optionId: option }));
    const counted = async () =>
      ((await h.app.store.aggregates.query({ partitionKey: where.teamId })) as AggregateRecord[]).reduce(
        (n, a) => n + a.total,
        0,
      );

    it('counts a member on the list', async () => {
      expect(invokeText(await answer(stays))).toMatch(/4 more needed/);
      expect(await counted()).toBe(1);
    });

    it('refuses, and stores nothing for, someone who left the team or was never on its list', async () => {
      roster.setMembers(where.teamId, asRoster(staff.filter((p) => p !== leaves)));
      await h.post(memberChange(h.connector.url, where, leaves));
      for (const p of [leaves, outsider]) {
        const text = invokeText(await answer(p));
        expect(text).toMatch(/not on its member list/);
        expect(await h.app.store.responses.count({ partitionKey: p.aadObjectId })).toBe(0);
      }
      expect(await counted()).toBe(1);
    });
  });
});
