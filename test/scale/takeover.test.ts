import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { senderLeaseId } from '../../src/delivery/tenant-lease';
import { createStore } from '../../src/store/create-store';
import type { Store } from '../../src/store/port';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double';
import { countersOf, startSendDue } from './bot-process';
import { duePerson } from './due-people';

const { buildIfNeeded } = require('../../scripts/build-if-needed') as {
  buildIfNeeded(options?: { quiet?: boolean }): void;
};

// Enough people that the killed instance leaves many unsent: it is killed after 15 sends with at most one worker
// pool of 16 in flight, so the kill may come up to about 0.8 s late on a busy machine (33 more sends at 40/s).
// A limit high enough that each instance's sending takes about a second.
const PEOPLE = 64;
const LIMIT = 50;
const LEASE_SECONDS = 3; // the shortest SENDER_LEASE_SECONDS allows

const waitFor = async (check: () => boolean, timeoutMs: number): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('an instance killed while sending for a tenant', () => {
  let connector: ConnectorDouble;
  let store: Store;
  let env: Record<string, string>;
  let dataDir: string;

  beforeAll(async () => {
    try {
      buildIfNeeded({ quiet: true });
    } catch {
      // tsc emits despite a type error elsewhere (npm test's own type-check reports those): use dist.
    }
    dataDir = mkdtempSync(join(tmpdir(), 'takeover-'));
    env = {
      STORE: 'embedded',
      DATA_DIR: dataDir,
      TENANT_RATE_LIMIT: String(LIMIT),
      SENDER_LEASE_SECONDS: String(LEASE_SECONDS),
    };
    store = createStore(loadConfig(env));
    await store.init();
    connector = await startConnectorDouble();
    // Due half a minute ago by the real clock: every instance's lease times are then on one clock.
    const dueAt = new Date(Date.now() - 30_000).toISOString();
    for (let i = 0; i < PEOPLE; i++) await store.users.create({ ...duePerson(i, connector.url), nextDueAt: dueAt });
  }, 60_000);

  afterAll(async () => {
    await connector?.close();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is replaced by the first instance that ticks after its sender lease lapsed, and nobody gets two nudges', async () => {
    const first = startSendDue(new Date().toISOString(), env);
    const posts = () => connector.activities.filter((a) => a.method === 'POST');
    await waitFor(() => posts().length >= 15, 30_000);
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const sentByFirst = posts().length;

    // The dead instance's sender lease: when it lapses, the tenant is free for the next instance.
    const leaseId = senderLeaseId(duePerson(0, connector.url).tenantId);
    const lease = await store.leases.get(leaseId, leaseId);
    expect(lease).toBeDefined();
    const lapsesAt = Date.parse(lease!.until);

    // Another instance ticks again and again (as its scheduler would) until it holds the tenant's lease.
    // How soon that is depends on the machine; what must hold is the order: while the lease runs, other
    // instances keep off the tenant; the first tick that starts after it lapsed takes the tenant over.
    const takeovers: { startedAt: number; sent: number }[] = [];
    for (;;) {
      const startedAt = Date.now();
      const run = await startSendDue(new Date().toISOString(), env).done;
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      const sent = countersOf(run)?.sent ?? 0;
      takeovers.push({ startedAt, sent });
      if (sent > 0) break;
      if (Date.now() - killedAt > 120_000) throw new Error('no instance took over');
    }
    expect(takeovers.filter((t) => t.startedAt >= lapsesAt && t.sent === 0)).toEqual([]);
    // The lease runs one period from its last write, which the living instance made (acquired or renewed).
    expect(lapsesAt - Date.parse(lease!.updatedAt)).toBe(LEASE_SECONDS * 1000);
    expect(Date.parse(lease!.updatedAt)).toBeLessThanOrEqual(killedAt);
    const firstByTakeover = posts()[sentByFirst];
    expect(firstByTakeover).toBeDefined();
    expect(firstByTakeover!.at).toBeGreaterThanOrEqual(lapsesAt); // never while the dead one's lease still ran

    const all = posts();
    expect(new Set(all.map((a) => a.conversationId)).size).toBe(all.length); // no one twice
    // Everyone is reached except the few the killed process had claimed or was sending: their delivery
    // leases still run, and once they lapse a 'sending' one becomes 'unknown', never resent.
    const inFlight = [
      ...(await store.deliveries.query({ where: [{ field: 'state', op: '=', value: 'claimed' }] })),
      ...(await store.deliveries.query({ where: [{ field: 'state', op: '=', value: 'sending' }] })),
    ];
    expect(inFlight.length).toBeLessThanOrEqual(16); // at most one worker pool's worth when it was killed
    const reached = new Set(all.map((a) => a.conversationId.replace(/^a:/, '')));
    for (const d of inFlight) reached.add(d.ownerId);
    expect(reached.size).toBe(PEOPLE);
    expect(await store.deliveries.count({ where: [{ field: 'state', op: '=', value: 'sent' }] })).toBeLessThanOrEqual(
      all.length,
    );
  }, 120_000);
});
