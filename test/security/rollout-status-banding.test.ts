import type { RolloutRecord } from '../../src/domain';
import { person, TENANT } from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { STORE_KINDS, type StoreKind } from '../support/stores';
import { botAddedToTeam, channelMessage, teamChannel, type TeamChannel } from '../team/team-activities';
import { storeFor } from '../team/test-stores';

/**
 * Security review 2026-12-07 N3 (issue 23.3): the team's `status` pointed at people: "12 members: 6
 * started" became "11 members: 5 started" when Alice left (so she had started), and two teams that
 * differ by one member (Dana) showed 5 and 6 started. Now any two views differ by at least 5 people or
 * not at all: figures are banded and published in steps.
 */

describe.each<StoreKind>(STORE_KINDS)('roll-out status never moves by one person (%s store)', (kind) => {
  let h: Harness;
  const viewer = person(9700);

  beforeAll(async () => {
    h = await startHarness({ store: storeFor(kind), env: { ALLOWED_TENANTS: TENANT } });
  });
  afterAll(async () => h.close());

  /** The team's roll-out records as roster reads and Start / No thanks leave them (keys are opaque). */
  async function seed(where: TeamChannel, members: string[], started: string[]): Promise<void> {
    for (const key of members) {
      const at = new Date().toISOString();
      await h.app.store.rollout.upsert({
        id: `member|${where.teamId}|${key}`,
        kind: 'member',
        tenantId: TENANT,
        teamId: where.teamId,
        key,
        updatedAt: at,
      } as RolloutRecord);
      await h.app.store.rollout.upsert({
        id: `person|${key}`,
        kind: 'person',
        tenantId: TENANT,
        key,
        state: started.includes(key) ? 'started' : 'invited',
        updatedAt: at,
      } as RolloutRecord);
    }
  }
  const leave = (where: TeamChannel, key: string) =>
    h.app.store.rollout.delete(TENANT, `member|${where.teamId}|${key}`);
  async function status(where: TeamChannel): Promise<string> {
    const before = h.connector.activities.length;
    await h.post(channelMessage(viewer, h.connector.url, where, 'status'));
    const reply = h.connector.activities.slice(before).find((a) => a.conversationId.startsWith(where.channelId));
    return cardText(cardOf(reply));
  }
  const keys = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

  it('shows the same when a starter leaves, then a non-starter, then a starter erases their data', async () => {
    const team = teamChannel(970);
    await h.post(botAddedToTeam(h.connector.url, team));
    const members = keys('a', 12);
    await seed(team, members, members.slice(0, 6));
    const first = await status(team);
    expect(first).toMatch(/members/);
    await leave(team, members[0]!); // Alice, who started
    expect(await status(team)).toBe(first);
    await leave(team, members[11]!); // Bob, who had not
    expect(await status(team)).toBe(first);
    await h.app.store.rollout.upsert({
      id: `person|${members[1]!}`,
      kind: 'person',
      tenantId: TENANT,
      key: members[1]!,
      state: 'declined',
      updatedAt: new Date().toISOString(),
    } as RolloutRecord);
    expect(await status(team)).toBe(first);
    // it does move on once enough has changed: 8 more people join and start
    await seed(team, keys('a2', 8), keys('a2', 8));
    expect(await status(team)).not.toBe(first);
  });

  it('shows two teams that differ by one starter alike', async () => {
    const clinical = teamChannel(971);
    const allStaff = teamChannel(972);
    for (const t of [clinical, allStaff]) await h.post(botAddedToTeam(h.connector.url, t));
    const eleven = keys('c', 11);
    await seed(clinical, eleven, eleven.slice(0, 5));
    await seed(allStaff, [...eleven, 'dana'], [...eleven.slice(0, 5), 'dana']);
    const [a, b] = [await status(clinical), await status(allStaff)];
    expect(a).toMatch(/5-9 have started/);
    expect(b).toBe(a);
  });
});
