import { runTick } from '../../src/delivery/run-tick';
import type { FaultPoint } from '../../src/delivery/types';
import type { DeliveryRecord } from '../../src/domain';
import { person, type Person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double';
import { serveRoster, type ConnectorRoster } from '../support/connector-roster';
import { VirtualClock } from '../support/virtual-clock';
import { botAddedToTeam, teamChannel } from './team-activities';
import { freshDataDir } from './test-stores';

const START = new Date('2026-11-26T10:00:00.000Z');

describe('team welcomes after a crash mid-way', () => {
  let connector: ConnectorDouble;
  let roster: ConnectorRoster;
  const dataDir = freshDataDir();
  const team = teamChannel(81);
  const staff: Person[] = Array.from({ length: 30 }, (_, i) => person(900 + i));
  let clock = START;
  // Teams' rate limit on a virtual clock: every turn and tick runs under it, and its waits take no real time.
  const virtual = new VirtualClock();
  const run = <T>(work: Promise<T>): Promise<T> => virtual.run(work);

  beforeAll(async () => {
    connector = await startConnectorDouble();
    roster = serveRoster(connector);
    roster.setMembers(
      team.teamId,
      staff.map((p) => ({ teamsId: p.teamsId, aadObjectId: p.aadObjectId, tenantId: p.tenantId })),
    );
  });
  afterAll(async () => {
    await connector.close();
  });

  const welcomesTo = (p: Person) =>
    connector.sentTo(roster.conversationIdOf(p.teamsId)).filter((a) => a.method === 'POST');

  it('sends the rest once after a restart, and sends the one caught mid-send again (a lost invitation is worse than a duplicate)', async () => {
    // First instance: reads the roster, then its engine stops after 10 welcomes, with one send cut
    // off between writing 'sending' and the HTTP call (as a crash there would leave it).
    const first: Harness = await startHarness({ dataDir, connector, now: () => clock, timing: virtual.timing });
    await run(first.post(botAddedToTeam(connector.url, team)));
    const stop = new AbortController();
    let sent = 0;
    let cutOff: string | undefined;
    const fault = (point: FaultPoint, d: DeliveryRecord): void => {
      if (point === 'after-send' && ++sent >= 10) stop.abort();
      if (point === 'after-sending' && sent >= 5 && !cutOff) {
        cutOff = d.id;
        throw new Error('crash between sending and the call');
      }
    };
    await run(runTick({ ...first.app.delivery.deps, fault }, { signal: stop.signal }));
    await first.close();
    const beforeRestart = staff.filter((p) => welcomesTo(p).length === 1).length;
    expect(beforeRestart).toBeGreaterThanOrEqual(10);
    expect(beforeRestart).toBeLessThan(29);
    expect(cutOff).toMatch(/^welcome\|/);

    // A new process on the same store, after the crashed claims' leases ran out.
    clock = new Date(START.getTime() + 10 * 60_000);
    const second = await startHarness({ dataDir, connector, now: () => clock, timing: virtual.timing });
    await run(second.app.delivery.tick());
    await run(second.app.delivery.tick());
    const cutOffOwner = cutOff!.split('|')[2]!;
    try {
      // Cut off before its call went out: now sent, once (had the call gone out, it might arrive twice).
      for (const p of staff) expect(welcomesTo(p)).toHaveLength(1);
      const resent = await second.app.store.deliveries.get(cutOffOwner, cutOff!);
      expect(resent).toMatchObject({ state: 'sent' });
      const all = await second.app.store.deliveries.query({});
      expect(all.filter((d) => d.kind === 'welcome')).toHaveLength(30);
      expect(all.every((d) => d.state === 'sent')).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('welcomes each member once when two instances read the roster and tick at the same time', async () => {
    const other = teamChannel(82);
    const crew: Person[] = Array.from({ length: 12 }, (_, i) => person(950 + i));
    roster.setMembers(
      other.teamId,
      crew.map((p) => ({ teamsId: p.teamsId, aadObjectId: p.aadObjectId, tenantId: p.tenantId })),
    );
    const h = await startHarness({ connector, now: () => clock, timing: virtual.timing });
    try {
      // Teams may deliver the add twice, to two instances: both read the roster at once.
      await run(
        Promise.all([h.post(botAddedToTeam(connector.url, other)), h.post(botAddedToTeam(connector.url, other))]),
      );
      const { deps } = h.app.delivery;
      const [a, b] = await run(
        Promise.all([runTick({ ...deps, instanceId: 'instance-a' }), runTick({ ...deps, instanceId: 'instance-b' })]),
      );
      expect(a.sent + b.sent).toBe(12);
      for (const p of crew) expect(welcomesTo(p)).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
