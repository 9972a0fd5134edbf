import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Store } from '../../src/store/port';
import { FINAL_DELIVERY_STATES } from '../../src/domain';
import type { ConnectorDouble } from '../support/connector-double';
import { openSendDueWorld, waitFor } from './send-due-world';
import { recordFigures } from '../support/reliability-figures';
import { countersOf, startSendDue } from '../scale/bot-process';
import { duePerson } from '../scale/due-people';

/**
 * Enough that the run is still mid-way after the signal (at most SIGNAL_AFTER_SENDS + IN_FLIGHT_PER_TENANT
 * sent, asserted below) with room to spare; the rest is for the next run.
 */
const PEOPLE = 60;
const LIMIT = 20;
/** Sends a tenant has in flight at once (the engine's pool): all a stopped run may still finish. */
const IN_FLIGHT_PER_TENANT = 16;
/** Sends seen at the connector before SIGTERM: well into the run, well before its end. */
const SIGNAL_AFTER_SENDS = 20;

describe('SIGTERM during a weekly run (nudges send-due)', () => {
  let connector: ConnectorDouble;
  let store: Store;
  let env: Record<string, string>;
  let dataDir: string;
  /** The send-due process running now, killed in afterAll if a failed assertion left it running. */
  let live: ChildProcess | undefined;

  beforeAll(async () => {
    ({ connector, store, env, dataDir } = await openSendDueWorld('sigterm-', LIMIT));
    // Due half a minute ago by the real clock, so lease times are comparable with this process's clock.
    const dueAt = new Date(Date.now() - 30_000).toISOString();
    for (let i = 0; i < PEOPLE; i++) await store.users.create({ ...duePerson(i, connector.url), nextDueAt: dueAt });
  }, 120_000);

  afterAll(async () => {
    if (live && live.exitCode === null && live.signalCode === null) live.kill('SIGKILL');
    await connector?.close();
    await store?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const posts = () => connector.activities.filter((a) => a.method === 'POST');

  it('finishes only the sends in flight, releases its leases and exits 0; the next run reaches everyone else once', async () => {
    const run = startSendDue(new Date().toISOString(), env);
    live = run.child;
    await waitFor(() => posts().length >= SIGNAL_AFTER_SENDS, 60_000);
    run.child.kill('SIGTERM');
    const signalledAt = Date.now();
    const seenAtSignal = posts().length;
    const stopped = await run.done;
    const exitMs = Date.now() - signalledAt; // a figure for the reliability report, not asserted
    const instanceId = `cli-${hostname()}-${stopped.pid}`;

    expect({ code: stopped.code, signal: stopped.signal, stderr: stopped.stderr }).toEqual({
      code: 0,
      signal: null,
      stderr: '',
    });
    const counters = countersOf(stopped);
    // It started nothing new after the signal: at most the sends already in flight went out after it.
    // (How fast it exits depends on the machine, so it is not timed here.)
    expect((counters?.sent ?? 0) - seenAtSignal).toBeLessThanOrEqual(IN_FLIGHT_PER_TENANT);
    expect(counters?.sent).toBeGreaterThanOrEqual(SIGNAL_AFTER_SENDS);
    expect(counters?.sent).toBeLessThan(PEOPLE); // it really stopped mid-run
    const sentBeforeStop = posts().length;
    expect(sentBeforeStop).toBe(counters?.sent); // every request it made was recorded as sent

    const now = new Date().toISOString();
    const leases = await store.leases.query({});
    expect(leases.filter((l) => l.owner === instanceId && l.until > now)).toEqual([]);
    const deliveries = await store.deliveries.query({ limit: 1000 });
    const heldByIt = deliveries.filter(
      (d) =>
        (d.state === 'claimed' || d.state === 'sending') && d.leaseOwner === instanceId && (d.leaseUntil ?? '') > now,
    );
    expect(heldByIt).toEqual([]);
    expect(deliveries.filter((d) => !FINAL_DELIVERY_STATES.includes(d.state))).toEqual([]);

    const nextRun = startSendDue(new Date().toISOString(), env);
    live = nextRun.child;
    const next = await nextRun.done;
    expect({ code: next.code, stderr: next.stderr }).toEqual({ code: 0, stderr: '' });
    expect(countersOf(next)?.sent).toBe(PEOPLE - sentBeforeStop);
    const all = posts();
    expect(all).toHaveLength(PEOPLE);
    expect(new Set(all.map((a) => a.conversationId)).size).toBe(PEOPLE);
    expect(await store.deliveries.count({ where: [{ field: 'state', op: '=', value: 'sent' }] })).toBe(PEOPLE);

    recordFigures('sigterm', {
      people: PEOPLE,
      sentBeforeSigterm: sentBeforeStop,
      exitMs,
      exitCode: stopped.code ?? -1,
      leasesLeftHeld: 0,
      deliveriesLeftInFlight: 0,
      sentByNextRun: PEOPLE - sentBeforeStop,
      duplicates: all.length - new Set(all.map((a) => a.conversationId)).size,
    });
  }, 120_000);
});
