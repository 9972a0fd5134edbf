import { loadConfig } from '../../src/config';
import { runPractice, parsePracticeArgs } from '../../src/cli/practice';
import { createCliContext } from '../../src/cli/context';
import { leadsOf } from '../../src/practice';
import type { Store } from '../../src/store/port';
import { openTestStore, STORE_KINDS, type StoreKind } from '../support/stores';
import { freshDataDir } from '../team/test-stores';
import { seedPractice } from '../practice/seed-practice';

const TENANT = 'tenant-nhsmail';

describe.each<StoreKind>(STORE_KINDS)('nudges practice (%s store)', (kind) => {
  let store: Store;
  let riverside = '';
  let hillview = '';
  beforeAll(async () => {
    store = openTestStore(kind);
    await store.init();
    riverside = await seedPractice(store, {
      tenantId: TENANT,
      teamId: 'team-a',
      name: 'Riverside Surgery',
      leadId: 'lead-a',
      members: ['lead-a', 'member-a1', 'member-a2'],
    });
    hillview = await seedPractice(store, {
      tenantId: TENANT,
      teamId: 'team-b',
      name: 'Hillview Medical Centre',
      leadId: 'lead-b',
      members: ['lead-b', 'member-b1'],
    });
  });
  afterAll(async () => {
    await store.close();
  });

  const run = async (args: string[]) => {
    const out: string[] = [];
    const cli = createCliContext({ store, config: loadConfig({ DATA_DIR: freshDataDir() }) });
    const code = await runPractice(args, cli, (t) => out.push(t));
    return { code, text: out.join('\n') };
  };

  it('lists the practices of a tenant as counts only: no practice name, no person', async () => {
    const { code, text } = await run(['list', '--tenant', TENANT]);
    expect(code).toBe(0);
    expect(text).toContain(`${riverside}  -  england  active  teams 1, members 3, leads 1`);
    expect(text).toContain(`${hillview}  -  england  active  teams 1, members 2, leads 1`);
    for (const secret of ['Riverside', 'Hillview', 'lead-a', 'member-a1', 'lead-b']) expect(text).not.toContain(secret);
  });

  it('adds a member as a lead and removes a lead, never the last one nor a non-member', async () => {
    expect((await run(['add-lead', '--tenant', TENANT, '--practice', riverside, '--user', 'member-a1'])).code).toBe(0);
    expect(await leadsOf(store, TENANT, riverside)).toEqual(['lead-a', 'member-a1']);
    // a person of another practice cannot be made a lead here
    expect((await run(['add-lead', '--tenant', TENANT, '--practice', riverside, '--user', 'member-b1'])).code).toBe(1);
    expect((await run(['remove-lead', '--tenant', TENANT, '--practice', riverside, '--user', 'lead-a'])).code).toBe(0);
    expect((await run(['remove-lead', '--tenant', TENANT, '--practice', riverside, '--user', 'member-a1'])).code).toBe(
      1,
    );
    expect(await leadsOf(store, TENANT, riverside)).toEqual(['member-a1']);
    expect(await leadsOf(store, TENANT, hillview)).toEqual(['lead-b']);
  });

  it('shows one practice as JSON and refuses a practice of another tenant', async () => {
    const { text } = await run(['show', '--tenant', TENANT, '--practice', hillview, '--json']);
    expect(JSON.parse(text)).toMatchObject({ practiceId: hillview, teams: 1, members: 2, leads: 1 });
    expect((await run(['show', '--tenant', 'another-tenant', '--practice', hillview])).code).toBe(1);
  });
});

describe('nudges practice arguments', () => {
  it('names what is missing or wrong', () => {
    expect(() => parsePracticeArgs(['list'])).toThrow(/--tenant is needed/);
    expect(() => parsePracticeArgs(['show', '--tenant', 't'])).toThrow(/--practice is needed/);
    expect(() => parsePracticeArgs(['add-lead', '--tenant', 't', '--practice', 'p'])).toThrow(/--user is needed/);
    expect(() => parsePracticeArgs(['list', '--tenant', 'a b'])).toThrow(/--tenant needs an id/);
    expect(() => parsePracticeArgs(['rename'])).toThrow(/Usage/);
  });
});
