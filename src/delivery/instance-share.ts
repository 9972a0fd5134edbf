import type { LeaseRecord } from '../domain';
import type { Logger } from '../logger';
import type { Store } from '../store/port';
import type { TenantLimiters } from './tenant-limiters';

/** How often an instance says it is alive and recounts the others. */
export const INSTANCE_HEARTBEAT_MS = 10_000;
/** An instance not heard from for this long no longer counts (three missed heartbeats). */
export const INSTANCE_LIVE_MS = 3 * INSTANCE_HEARTBEAT_MS;
const INSTANCE_TTL_S = 3600;
const PREFIX = 'instance|';
/** Every id with PREFIX sorts below this ('}' follows '|'). */
const PREFIX_END = 'instance}';

/** The id of an instance's heartbeat record, in the leases container. */
export const instanceRecordId = (instanceId: string): string => `${PREFIX}${instanceId}`;

/**
 * Shares each tenant's Teams limit between the instances that are up: every instance writes a
 * heartbeat record to the store and counts the live ones, and its limiters keep to limit ÷ that
 * count, so N instances together never pass the tenant's limit (however clicks, in-turn replies,
 * roster reads and the weekly run fall between them). Teams' limit is per app and tenant, not per
 * instance (Learn "Rate limiting for agents": 50 RPS). When an instance starts, the others learn of
 * it within one heartbeat; until then the 429 handling covers the overlap. An instance that stops
 * removes its record, so the others take its share back at their next heartbeat.
 */
export class InstanceShare {
  private timer?: NodeJS.Timeout;
  private beating?: Promise<number>;

  constructor(
    private readonly store: Store,
    private readonly instanceId: string,
    private readonly limiters: TenantLimiters,
    private readonly now: () => Date,
    private readonly logger?: Logger,
  ) {}

  /** Writes this instance's heartbeat, counts the live instances and sets the limiters' share; returns the count. */
  async beat(): Promise<number> {
    const at = this.now();
    const rec: LeaseRecord = {
      id: instanceRecordId(this.instanceId),
      owner: this.instanceId,
      until: new Date(at.getTime() + INSTANCE_LIVE_MS).toISOString(),
      updatedAt: at.toISOString(),
      ttl: INSTANCE_TTL_S,
    };
    await this.store.leases.upsert(rec);
    const live = await this.store.leases.count({
      where: [
        { field: 'id', op: '>', value: PREFIX },
        { field: 'id', op: '<', value: PREFIX_END },
        { field: 'until', op: '>', value: at.toISOString() },
      ],
    });
    const instances = Math.max(1, live);
    if (instances !== this.limiters.instances) {
      this.logger?.info(
        { event: 'limits.instances', instances },
        "each tenant's Teams limit is shared between instances",
      );
    }
    this.limiters.shareBetween(instances);
    return instances;
  }

  /** Beats now and every INSTANCE_HEARTBEAT_MS until stopped; a failed beat keeps the last share. */
  start(): Promise<number> {
    const tick = (): Promise<number> =>
      (this.beating = this.beat().catch((err: unknown) => {
        this.logger?.warn({ err }, 'instance heartbeat failed (the last share of the limit is kept)');
        return this.limiters.instances;
      }));
    this.timer ??= setInterval(() => void tick(), INSTANCE_HEARTBEAT_MS).unref();
    return tick();
  }

  /** Stops beating and removes this instance's record, so the others take its share back. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
    const id = instanceRecordId(this.instanceId);
    await this.store.leases.delete(id, id).catch(() => false);
  }
}
