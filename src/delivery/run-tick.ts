import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { Versioned } from '../store/port';
import { ConversationLimiter } from './conversation-limiter';
import { deliverToOwner } from './deliver-to-owner';
import { pageDueOwners } from './due-query';
import { ownerSourcesOf, type OwnerSource } from './owners';
import { recoverExpiredDeliveries } from './recover-expired';
import { runRosterJobs } from './roster-jobs';
import { acquireLease, senderLeaseId } from './tenant-lease';
import { haltedUntil, stopReasonFor } from './halt-run';
import { tenantPausedUntil } from './tenant-pause';
import type { Timing } from './tenant-limiter';
import { TenantLimiters } from './tenant-limiters';
import type { TenantRun, TickContext } from './tick-context';
import { emptyCounters, type DeliveryDeps, type TickCounters } from './types';
import { WorkPool } from './work-pool';

/** Options of one tick. */
export interface TickOptions {
  /** Run as if it were this time (the clock then moves on from it at real speed). */
  at?: Date;
  /** When aborted, no more owners are started; those in flight finish (graceful shutdown). */
  signal?: AbortSignal;
}

function tickClock(deps: DeliveryDeps, timing: Timing, at?: Date): () => Date {
  if (!at) return deps.now;
  const start = timing.monotonicMs();
  return () => new Date(at.getTime() + (timing.monotonicMs() - start));
}

/**
 * One pass of the weekly engine: tidy crashed deliveries, then for every owner due at the start of
 * the tick claim, choose, send and record their nudge, tenant by tenant under each tenant's sender
 * lease (a tenant whose lease another instance holds is left to it). Sends run in parallel per
 * tenant up to the tenant's rate. Returns the counters, also logged as one line and sent to metrics.
 */
/** The state one tick (or one owner's delivery) shares: the process's limiters when the runtime gives them. */
export function tickContextFor(deps: DeliveryDeps, at?: Date): TickContext {
  const timing: Timing = {
    monotonicMs: deps.monotonicMs ?? (() => performance.now()),
    sleep: deps.sleep ?? ((ms) => delay(ms)),
  };
  return {
    deps,
    now: tickClock(deps, timing, at),
    timing,
    random: deps.random ?? Math.random,
    counters: emptyCounters(),
    sources: ownerSourcesOf(deps.store),
    conversations: deps.conversationLimiter ?? new ConversationLimiter(timing),
    limiters: deps.tenantLimiters ?? new TenantLimiters(deps.config.tenantRateLimit, timing),
  };
}

export async function runTick(deps: DeliveryDeps, options: TickOptions = {}): Promise<TickCounters> {
  const ctx = tickContextFor(deps, options.at);
  const timing = ctx.timing;
  const started = timing.monotonicMs();
  const tenants = new Map<string, TenantRun | undefined>();
  const feeds: Promise<void>[] = [];
  try {
    await recoverExpiredDeliveries(ctx);
    // Team rosters queued since the last tick: their welcomes are due at once and go out below.
    if (!options.signal?.aborted) await runRosterJobs(ctx);
    const dueAt = ctx.now().toISOString();
    for (const source of [ctx.sources.user, ctx.sources.team] as OwnerSource<DueOwner>[]) {
      feeds.push(...(await readDueOwners(ctx, source, dueAt, tenants, options.signal)));
    }
    await Promise.all(feeds);
    await Promise.all([...tenants.values()].map((t) => t?.pool.drained()));
  } finally {
    await Promise.all([...tenants.values()].map((t) => t?.renewing));
    await Promise.all(
      [...tenants.values()].map((t) =>
        t?.lease
          ?.release()
          .catch((err: unknown) => deps.logger.warn({ err, tenantId: t.tenantId }, 'sender lease release failed')),
      ),
    );
    ctx.counters.durationMs = Math.round(timing.monotonicMs() - started);
    // A tick with nothing due is routine (one a minute): it is logged at debug, so the log shows work.
    const { durationMs: _duration, ...work } = ctx.counters;
    const idle = Object.values(work).every((n) => n === 0);
    deps.logger[idle ? 'debug' : 'info'](
      { event: 'delivery.tick', instanceId: deps.instanceId, ...ctx.counters },
      'delivery tick',
    );
    // Adding 0 to a counter records nothing, so only what happened is sent; the tick's duration is a
    // measurement, sent every time (a fast idle tick rounds to 0 ms, and still happened).
    for (const [name, n] of Object.entries(ctx.counters)) {
      if (n !== 0 || name === 'durationMs') deps.metrics.add(`delivery.${name}`, n);
    }
  }
  return ctx.counters;
}

type DueOwner = { id: string; tenantId: string; nextDueAt?: string };

/**
 * One tenant's place in the due read of one source: how many of its owners are queued or running,
 * and, once that reached the bound, where its own read takes over.
 */
interface TenantFeed {
  queued: number;
  spaceWaiter?: () => void;
  /** The latest due time enqueued, and the ids enqueued at exactly that time (the resumed read skips them). */
  lastDueAt?: string;
  idsAtLastDueAt: Set<string>;
  /** Set once the tenant's queue was full: the rest of its owners come from its own read. */
  handedOver: boolean;
}

/**
 * Reads one source's due owners in due order and queues each on its tenant's pool. A tenant whose
 * queue is full never holds up the read: its remaining owners are handed to a read of its own
 * (tenant-scoped, resumed where the shared read was) that waits only for that tenant's space. So a
 * small tenant due at the same time as a big, rate-limited one is served at once (issue: fairness),
 * and memory stays bounded per tenant. Returns the tenant reads started, to be awaited.
 */
async function readDueOwners(
  ctx: TickContext,
  source: OwnerSource<DueOwner>,
  dueAt: string,
  tenants: Map<string, TenantRun | undefined>,
  signal: AbortSignal | undefined,
): Promise<Promise<void>[]> {
  const { deps } = ctx;
  const feeds = new Map<string, TenantFeed>();
  const handovers: Promise<void>[] = [];
  const feedOf = (tenantId: string): TenantFeed => {
    let feed = feeds.get(tenantId);
    if (!feed) feeds.set(tenantId, (feed = { queued: 0, idsAtLastDueAt: new Set(), handedOver: false }));
    return feed;
  };
  const enqueue = (rec: Versioned<DueOwner>, tenant: TenantRun, feed: TenantFeed): void => {
    ctx.counters.due++;
    feed.queued++;
    const due = rec.nextDueAt ?? '';
    if (due !== feed.lastDueAt) {
      feed.lastDueAt = due;
      feed.idsAtLastDueAt = new Set();
    }
    feed.idsAtLastDueAt.add(rec.id);
    tenant.pool.enqueue(() =>
      (signal?.aborted ? Promise.resolve() : runForOwner(ctx, source, rec, tenant)).finally(() => {
        feed.queued--;
        const w = feed.spaceWaiter;
        feed.spaceWaiter = undefined;
        w?.();
      }),
    );
  };

  for await (const page of pageDueOwners(source, dueAt, deps.config.pageSize)) {
    if (signal?.aborted) break;
    for (const rec of page) {
      const feed = feedOf(rec.tenantId);
      if (feed.handedOver) continue; // its own read has it
      const tenant = await tenantRunFor(ctx, tenants, rec.tenantId);
      if (!tenant || tenant.lost) {
        ctx.counters.due++;
        ctx.counters.busy++;
        continue;
      }
      if (feed.queued < deps.config.maxQueued) {
        enqueue(rec, tenant, feed);
        continue;
      }
      feed.handedOver = true;
      handovers.push(feedTenant(ctx, source, dueAt, tenant, feed, enqueue, signal));
    }
  }
  return handovers;
}

/** The rest of one tenant's due owners, from where the shared read handed over, at the tenant's own pace. */
async function feedTenant(
  ctx: TickContext,
  source: OwnerSource<DueOwner>,
  dueAt: string,
  tenant: TenantRun,
  feed: TenantFeed,
  enqueue: (rec: Versioned<DueOwner>, tenant: TenantRun, feed: TenantFeed) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const resumeAt = feed.lastDueAt;
  const alreadyQueued = feed.idsAtLastDueAt;
  const scope = { tenantId: tenant.tenantId, fromDueAt: resumeAt };
  for await (const page of pageDueOwners(source, dueAt, ctx.deps.config.pageSize, scope)) {
    for (const rec of page) {
      if (signal?.aborted || tenant.lost) return;
      if (rec.nextDueAt === resumeAt && alreadyQueued.has(rec.id)) continue;
      while (feed.queued >= ctx.deps.config.maxQueued) await new Promise<void>((r) => (feed.spaceWaiter = r));
      enqueue(rec, tenant, feed);
    }
  }
}

async function tenantRunFor(
  ctx: TickContext,
  tenants: Map<string, TenantRun | undefined>,
  tenantId: string,
): Promise<TenantRun | undefined> {
  if (tenants.has(tenantId)) return tenants.get(tenantId);
  const { deps } = ctx;
  const lease = deps.config.useSenderLease
    ? await acquireLease(deps.store, senderLeaseId(tenantId), deps.instanceId, deps.config.senderLeaseMs, ctx.now)
    : undefined;
  const run: TenantRun | undefined =
    deps.config.useSenderLease && !lease
      ? undefined
      : {
          tenantId,
          lease,
          leaseRenewedAt: ctx.timing.monotonicMs(),
          lost: false,
          limiter: ctx.limiters.forTenant(tenantId),
          pool: new WorkPool(deps.config.concurrencyPerTenant),
        };
  if (!run) deps.logger.info({ tenantId, instanceId: deps.instanceId }, 'sender lease held by another instance');
  // The app off tenant-wide earlier (this or another instance): the tenant's owners stay due, unsent, until the pause ends.
  else if (await tenantPausedUntil(deps.store, tenantId, ctx.now())) run.paused = true;
  // The bot's own fault a few minutes ago (401, no token): left alone, everyone still due, until the halt ends.
  else if (await haltedUntil(deps.store, tenantId, ctx.now())) run.halted = 'auth';
  tenants.set(tenantId, run);
  return run;
}

async function runForOwner<R extends { id: string }>(
  ctx: TickContext,
  source: OwnerSource<R>,
  rec: Versioned<R>,
  tenant: TenantRun,
): Promise<void> {
  renewLeaseIfDue(ctx, tenant);
  if (tenant.lost) {
    ctx.counters.busy++;
    return;
  }
  if (stopReasonFor(ctx, tenant)) {
    // The tenant is paused or the run halted: the owner stays due (nothing claimed) and is tried again later.
    ctx.counters.skipped++;
    return;
  }
  try {
    await deliverToOwner(ctx, source, rec, tenant);
  } catch (err) {
    ctx.counters.skipped++;
    ctx.deps.logger.error({ err, ownerId: rec.id, tenantId: tenant.tenantId }, 'delivery to owner stopped');
  }
}

function renewLeaseIfDue(ctx: TickContext, tenant: TenantRun): void {
  const lease = tenant.lease;
  if (!lease || tenant.renewing) return;
  const now = ctx.timing.monotonicMs();
  if (now - tenant.leaseRenewedAt < ctx.deps.config.senderLeaseMs / 3) return;
  tenant.leaseRenewedAt = now;
  tenant.renewing = lease
    .renew()
    .then((ok) => {
      if (!ok) {
        tenant.lost = true;
        ctx.deps.logger.warn({ tenantId: tenant.tenantId }, 'sender lease lost to another instance');
      }
    })
    .catch((err: unknown) => ctx.deps.logger.warn({ err, tenantId: tenant.tenantId }, 'sender lease renewal failed'))
    .finally(() => (tenant.renewing = undefined));
}
