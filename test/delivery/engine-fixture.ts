import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deliveryConfigFrom } from '../../src/delivery/delivery-config';
import { SendError, type OutgoingCard, type Sender } from '../../src/delivery/sender';
import type { DeliveryConfig, DeliveryDeps } from '../../src/delivery/types';
import { silentLogger } from '../../src/logger';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store';
import type { Store } from '../../src/store/port';
import type { ConversationRef, UserRecord } from '../../src/domain';
import { sampleNudges } from './nudge-builders';

/** An embedded store in a fresh temporary folder, removed by `cleanup`. */
export async function openTempStore(): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'delivery-'));
  const store = createEmbeddedStore({ dataDir: dir, purgeIntervalMs: 0 });
  await store.init();
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A person due at `nextDueAt` (Monday 09:00 London by default), with overrides. */
export function buildUser(i: number, overrides: Partial<UserRecord> = {}): UserRecord {
  const id = `u${String(i).padStart(5, '0')}`;
  const tenantId = overrides.tenantId ?? 't1';
  return {
    id,
    userId: id,
    tenantId,
    conversation: {
      serviceUrl: 'http://127.0.0.1:1/',
      conversationId: `a:conv-${id}`,
      tenantId,
      channelId: 'msteams',
      conversationType: 'personal',
    },
    prefs: { role: 'gp', timeZone: 'Europe/London', day: 'mon', time: '09:00', frequency: 'weekly', focus: [] },
    onboarded: true,
    status: 'active',
    nextDueAt: '2026-03-02T09:00:00.000Z',
    history: { seen: [], notUseful: [], sentCount: 0 },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export interface RecordedSend {
  conversationId: string;
  at: number;
  summary: string;
}

/**
 * A fake of the Teams platform behind the Sender port: records every send and answers with the
 * next scripted failure for a conversation, if any (then succeeds).
 */
export class FakeSender implements Sender {
  readonly sends: RecordedSend[] = [];
  readonly attempts: RecordedSend[] = [];
  private readonly scripted = new Map<string, SendError[]>();
  private always?: (to: ConversationRef) => SendError | undefined;
  private n = 0;

  constructor(private readonly latencyMs = 0) {}

  failNext(conversationId: string, ...errors: SendError[]): void {
    this.scripted.set(conversationId, [...(this.scripted.get(conversationId) ?? []), ...errors]);
  }

  failAlways(rule: (to: ConversationRef) => SendError | undefined): void {
    this.always = rule;
  }

  async send(to: ConversationRef, message: OutgoingCard): Promise<{ activityId: string }> {
    const record = { conversationId: to.conversationId, at: performance.now(), summary: message.summary };
    this.attempts.push(record);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const queued = this.scripted.get(to.conversationId);
    const err = queued?.shift() ?? this.always?.(to);
    if (err) throw err;
    this.sends.push(record);
    return { activityId: `act-${++this.n}` };
  }

  async update(): Promise<void> {}

  copiesPerConversation(): Map<string, number> {
    const m = new Map<string, number>();
    for (const s of this.sends) m.set(s.conversationId, (m.get(s.conversationId) ?? 0) + 1);
    return m;
  }
}

export const sendError = (status: number, code?: string, retryAfterMs?: number): SendError =>
  new SendError(status, code, retryAfterMs, `fake ${status}`);

/** A metrics sink that keeps totals. */
export function recordingMetrics(): { add(name: string, n: number): void; totals: Map<string, number> } {
  const totals = new Map<string, number>();
  return { totals, add: (name, n) => totals.set(name, (totals.get(name) ?? 0) + n) };
}

/** Engine dependencies for tests: fixed clock, unlimited rate, short leases; override anything. */
export function buildDeps(
  store: Store,
  sender: Sender,
  overrides: Partial<Omit<DeliveryDeps, 'config'>> & { config?: Partial<DeliveryConfig> } = {},
): DeliveryDeps {
  const { config, ...rest } = overrides;
  return {
    store,
    sender,
    nudges: sampleNudges,
    composeNudge: (_to, nudge, d) => ({
      card: { type: 'AdaptiveCard', nudgeId: nudge.id, deliveryId: d.id },
      summary: nudge.id,
    }),
    now: () => new Date('2026-03-02T09:00:30.000Z'),
    instanceId: 'i1',
    logger: silentLogger,
    metrics: recordingMetrics(),
    seed: 'test',
    random: () => 0.5,
    config: deliveryConfigFrom(
      { tenantRateLimit: 0 },
      { senderLeaseMs: 5000, deliveryLeaseMs: 60_000, backoffBaseMs: 5, backoffMaxMs: 20, ...config },
    ),
    ...rest,
  };
}

/** Seeds `n` people in batches (never all in memory at once). */
export async function seedUsers(
  store: Store,
  n: number,
  make: (i: number) => UserRecord = (i) => buildUser(i),
): Promise<void> {
  const batch = 200;
  for (let start = 0; start < n; start += batch) {
    const writes: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) writes.push(store.users.create(make(i)));
    await Promise.all(writes);
  }
}
