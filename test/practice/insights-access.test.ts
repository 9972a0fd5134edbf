import { loadConfig } from '../../src/config';
import type { ConversationDeps } from '../../src/conversation/deps';
import { decideInsights } from '../../src/insights/insights-access';
import type { Store } from '../../src/store/port';
import { openTestStore, STORE_KINDS, type StoreKind } from '../support/stores';
import { freshDataDir } from '../team/test-stores';
import { seedPractice } from './seed-practice';

const T = 'tenant-shared';

/** Who may see which figures, decided from the records alone (never from a name or id the person sends). */
describe.each<StoreKind>(STORE_KINDS)('insights access per practice (%s store)', (kind) => {
  let store: Store;
  let deps: ConversationDeps;
  let a = '';
  let b = '';
  let c = '';
  const personal = (userId: string) => ({ tenantId: T, userId, aadObjectId: userId, scope: 'personal' as const });
  const inTeam = (userId: string, teamId: string) => ({ ...personal(userId), scope: 'team' as const, teamId });

  beforeAll(async () => {
    store = openTestStore(kind);
    await store.init();
    deps = {
      store,
      config: loadConfig({ DATA_DIR: freshDataDir(), INSIGHTS_VIEWERS: 'operator-viewer' }),
    } as ConversationDeps;
    a = await seedPractice(store, {
      tenantId: T,
      teamId: 'team-a',
      name: 'Alder',
      leadId: 'two-hats',
      members: ['two-hats', 'm-a'],
    });
    b = await seedPractice(store, {
      tenantId: T,
      teamId: 'team-b',
      name: 'Birch',
      leadId: 'two-hats',
      members: ['two-hats'],
    });
    c = await seedPractice(store, {
      tenantId: T,
      teamId: 'team-c',
      name: 'Cedar',
      leadId: 'lead-c',
      members: ['lead-c'],
    });
  });
  afterAll(async () => {
    await store.close();
  });

  it('lets a lead of two practices choose one by name, and lists only their own when the name is not theirs', async () => {
    const both = await decideInsights(deps, personal('two-hats'));
    expect(both).toEqual({ refusal: expect.stringMatching(/"Alder", "Birch"/) });
    expect(await decideInsights(deps, personal('two-hats'), 'birch')).toMatchObject({ scope: { practiceId: b } });
    const other = await decideInsights(deps, personal('two-hats'), 'cedar');
    expect(other).toEqual({ refusal: expect.not.stringMatching(/Cedar/) });
    expect(JSON.stringify(other)).not.toContain(c);
  });

  it('gives a lead the practice in its own channel, a member the team, a non-member nothing', async () => {
    expect(await decideInsights(deps, inTeam('two-hats', 'team-a'))).toMatchObject({
      scope: { kind: 'practice', practiceId: a },
    });
    expect(await decideInsights(deps, inTeam('m-a', 'team-a'))).toMatchObject({
      scope: { kind: 'team', teamId: 'team-a' },
    });
    expect(await decideInsights(deps, inTeam('lead-c', 'team-a'))).toEqual({ refusal: expect.any(String) });
  });

  it('lets the INSIGHTS_VIEWERS override see one practice at a time, never the tenant', async () => {
    const listed = await decideInsights(deps, personal('operator-viewer'));
    expect(listed).toEqual({ refusal: expect.stringMatching(/"Alder", "Birch", "Cedar"/) });
    expect(await decideInsights(deps, personal('operator-viewer'), 'cedar')).toMatchObject({
      scope: { kind: 'practice', practiceId: c },
    });
  });
});
